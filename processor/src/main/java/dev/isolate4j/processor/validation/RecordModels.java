package dev.isolate4j.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.isolate4j.processor.model.RecordModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The records of an interface's values that get a codec ({@link RecordModel}): every record the
 * walk collected but generic ones, whose components' types depend on each use; those cross through
 * Fory, as every record did before codecs.
 */
final class RecordModels {
    private RecordModels() {}

    static List<RecordModel> of(List<TypeElement> records, Types types) {
        List<RecordModel> models = new ArrayList<>();
        for (TypeElement record : records) {
            if (record.getTypeParameters().isEmpty()) {
                models.add(new RecordModel(ClassName.get(record), components(record, types)));
            }
        }
        return models;
    }

    private static List<RecordModel.Component> components(TypeElement record, Types types) {
        List<RecordModel.Component> components = new ArrayList<>();
        for (RecordComponentElement component : record.getRecordComponents()) {
            TypeMirror type = component.asType();
            String erasure =
                    TypeName.get(types.erasure(type)).withoutAnnotations().toString();
            components.add(new RecordModel.Component(
                    component.getSimpleName().toString(),
                    TypeName.get(type).withoutAnnotations().box(),
                    !Reifiability.isReifiable(type),
                    erasure + " " + component.getSimpleName()));
        }
        return components;
    }
}
