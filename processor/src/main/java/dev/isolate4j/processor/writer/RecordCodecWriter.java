package dev.isolate4j.processor.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.isolate4j.processor.model.RecordModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the record codecs a descriptor nests, one class per {@link RecordModel}: {@code
 * components(value)} calls each accessor, {@code create(components)} the canonical constructor,
 * each value cast to its component's type.
 */
final class RecordCodecWriter {
    static final ClassName RECORD_CODEC = ClassName.get("dev.isolate4j.spi", "RecordCodec");

    private RecordCodecWriter() {}

    /**
     * The codec classes, each named after its record ({@code PointCodec}, {@code Outer_PointCodec}
     * for a nested one; a number follows when two records of different packages share a name).
     */
    static List<TypeSpec> codecs(List<RecordModel> records) {
        List<TypeSpec> codecs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RecordModel record : records) {
            String base = String.join("_", record.type().simpleNames()) + "Codec";
            String name = base;
            for (int i = 2; !names.add(name); i++) {
                name = base + i;
            }
            codecs.add(codec(name, record));
        }
        return codecs;
    }

    private static TypeSpec codec(String name, RecordModel record) {
        CodeBlock schema = record.components().stream()
                .map(component -> CodeBlock.of("$S", component.schema()))
                .collect(CodeBlock.joining(", "));
        return TypeSpec.classBuilder(name)
                .addJavadoc("Takes {@link $T} apart into its components and builds it again.\n", record.type())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(RECORD_CODEC, record.type()))
                .addMethod(MethodSpec.constructorBuilder()
                        .addStatement("super($T.class, $T.of($L))", record.type(), List.class, schema)
                        .build())
                .addMethod(components(record))
                .addMethod(create(record))
                .build();
    }

    private static MethodSpec components(RecordModel record) {
        CodeBlock values = record.components().stream()
                .map(component -> CodeBlock.of("value.$N()", component.name()))
                .collect(CodeBlock.joining(", "));
        return MethodSpec.methodBuilder("components")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Object[].class)
                .addParameter(record.type(), "value")
                .addStatement("return new Object[] {$L}", values)
                .build();
    }

    private static MethodSpec create(RecordModel record) {
        List<CodeBlock> arguments = new ArrayList<>();
        boolean unchecked = false;
        for (int i = 0; i < record.components().size(); i++) {
            RecordModel.Component component = record.components().get(i);
            TypeName castType = component.castType();
            arguments.add(
                    castType.equals(ClassName.OBJECT)
                            ? CodeBlock.of("components[$L]", i)
                            : CodeBlock.of("($T) components[$L]", castType, i));
            unchecked |= component.uncheckedCast();
        }
        MethodSpec.Builder create = MethodSpec.methodBuilder("create")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(record.type())
                .addParameter(Object[].class, "components")
                .addStatement("return new $T($L)", record.type(), CodeBlock.join(arguments, ", "));
        if (unchecked) {
            create.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked")
                    .build());
        }
        return create.build();
    }
}
