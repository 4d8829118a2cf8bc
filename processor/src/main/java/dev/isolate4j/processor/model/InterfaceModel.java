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
 */
public record InterfaceModel(
        TypeElement element,
        ClassName type,
        String id,
        boolean singleton,
        boolean usesDeprecated,
        List<MethodModel> methods,
        List<TypeName> serializedTypes) {

    public InterfaceModel {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        methods = List.copyOf(methods);
        serializedTypes = List.copyOf(serializedTypes);
    }

    /** The interface's canonical name, e.g. {@code com.acme.Outer.Greeter}. */
    public String canonicalName() {
        return type.canonicalName();
    }

    /** The interface's name within its package, e.g. {@code Outer.Greeter}. */
    public String nameInPackage() {
        return String.join(".", type.simpleNames());
    }
}
