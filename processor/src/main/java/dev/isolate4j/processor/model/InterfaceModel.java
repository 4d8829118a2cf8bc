package dev.isolate4j.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.TypeElement;

/**
 * One valid remote interface, everything the writers need to generate its proxy, dispatcher and
 * descriptor.
 *
 * @param element the annotated interface; writers use it only as the generated files' originating
 *     element, which Gradle's isolating incremental mode needs
 * @param type the interface, e.g. {@code com.acme.Outer.Greeter}
 * @param id the singleton id, or the canonical name for a plain {@code @Callee}
 * @param singleton whether the interface is annotated {@code @ProxiedSingleton}
 * @param usesDeprecated whether the interface, one of its remote methods or a type in their
 *     signatures is deprecated, so that generated code suppresses the warnings that referring to
 *     them raises
 * @param methods the remote methods; a method's index is its method id
 * @param serializedTypes the application types reachable from parameters and results, erased, in
 *     first-seen order
 * @param records the records among them that get a codec, in the same order
 * @param valuesNeedFory whether a value of the methods may need Fory, by their declared types
 */
public record InterfaceModel(
        TypeElement element,
        ClassName type,
        String id,
        boolean singleton,
        boolean usesDeprecated,
        List<MethodModel> methods,
        List<TypeName> serializedTypes,
        List<RecordModel> records,
        boolean valuesNeedFory) {

    /**
     * Checks the values and copies the lists.
     *
     * @param element see {@link #element()}
     * @param type see {@link #type()}
     * @param id see {@link #id()}
     * @param singleton see {@link #singleton()}
     * @param usesDeprecated see {@link #usesDeprecated()}
     * @param methods see {@link #methods()}
     * @param serializedTypes see {@link #serializedTypes()}
     * @param records see {@link #records()}
     * @param valuesNeedFory see {@link #valuesNeedFory()}
     * @throws NullPointerException when {@code element}, {@code type} or {@code id} is null
     */
    public InterfaceModel {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        methods = List.copyOf(methods);
        serializedTypes = List.copyOf(serializedTypes);
        records = List.copyOf(records);
    }

    /** {@return the interface's canonical name, e.g. {@code com.acme.Outer.Greeter}} */
    public String canonicalName() {
        return type.canonicalName();
    }

    /** {@return the interface's name within its package, e.g. {@code Outer.Greeter}} */
    public String nameInPackage() {
        return String.join(".", type.simpleNames());
    }
}
