package dev.isolate4j.processor.validation;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.ProxiedSingleton;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides which parameter and result types can cross the process boundary.
 *
 * <p>Values are serialized, so anything bound to the sending process (streams, threads, futures,
 * open readers) or whose concrete class is unknown at compile time (an arbitrary interface such as
 * {@code Runnable}) is refused here rather than failing at run time. A {@code @Callee} interface is
 * allowed: it crosses as a remote reference.
 */
final class TypeRules {
    private final Types types;
    private final Elements elements;
    private final Signatures signatures;

    TypeRules(ProcessingEnvironment env, Signatures signatures) {
        this.types = env.getTypeUtils();
        this.elements = env.getElementUtils();
        this.signatures = signatures;
    }

    /** Whether {@code element} is annotated {@code @Callee} or {@code @ProxiedSingleton}. */
    static boolean isRemoteInterface(Element element) {
        return element.getAnnotation(Callee.class) != null || element.getAnnotation(ProxiedSingleton.class) != null;
    }

    /** Whether {@code type} is a {@code Future} or a {@code CompletionStage}. */
    boolean isFuture(TypeMirror type) {
        return isSubtype(type, "java.util.concurrent.Future")
                || isSubtype(type, "java.util.concurrent.CompletionStage");
    }

    /** The first reason why a value of {@code type} cannot be sent, if any. */
    Optional<TypeProblem> check(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE:
                return Optional.empty();
            case ARRAY:
                return check(((ArrayType) type).getComponentType());
            case DECLARED:
                return checkDeclared((DeclaredType) type);
            case WILDCARD:
                return checkWildcard((WildcardType) type);
            case TYPEVAR:
                return problem(type + " is a type variable", "use a concrete type");
            default:
                return problem(type + " is not a type that can be sent", "use a concrete type");
        }
    }

    private Optional<TypeProblem> checkWildcard(WildcardType wildcard) {
        // Only reached for type arguments: List<?> or List<? extends Point> say what the elements are.
        if (wildcard.getExtendsBound() != null) {
            return check(wildcard.getExtendsBound());
        }
        return wildcard.getSuperBound() == null ? Optional.empty() : check(wildcard.getSuperBound());
    }

    private Optional<TypeProblem> checkDeclared(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        if (isRemoteInterface(element)) {
            return Optional.empty();
        }
        Optional<TypeProblem> own = checkOwnKind(type, element);
        if (own.isPresent()) {
            return own;
        }
        for (TypeMirror argument : type.getTypeArguments()) {
            Optional<TypeProblem> problem = check(argument);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<TypeProblem> checkOwnKind(DeclaredType type, TypeElement element) {
        String name = signatures.erasedName(type);
        if (type.getTypeArguments().isEmpty() && !element.getTypeParameters().isEmpty()) {
            return problem(
                    name + " is a raw type", "give it type arguments, e.g. " + element.getSimpleName() + "<String>");
        }
        if (packageOf(element).startsWith("java.util.stream")) {
            return problem(
                    name + " is a stream, consumed once and holding no data of its own", "collect it into a List");
        }
        if (isFuture(type)) {
            return problem(
                    name + " is a future, which can only be the return type of an asynchronous method",
                    "pass the value itself, or a @Callee callback");
        }
        if (isSubtype(type, "java.io.InputStream")
                || isSubtype(type, "java.io.OutputStream")
                || isSubtype(type, "java.io.Reader")
                || isSubtype(type, "java.io.Writer")) {
            return problem(
                    name + " is an I/O stream bound to this process", "pass the bytes (byte[]) or the text (String)");
        }
        if (isSubtype(type, "java.lang.Thread")) {
            return problem(name + " is a thread of this process", "pass its name or id");
        }
        if (isSubtype(type, "java.util.Iterator")
                || (isSubtype(type, "java.lang.Iterable") && !isSubtype(type, "java.util.Collection"))) {
            return problem(name + " is an Iterator or an Iterable that is not a Collection", "pass a List or a Set");
        }
        if (element.getKind() == ElementKind.INTERFACE && !isSendableInterface(type, element)) {
            return problem(
                    name + " is an interface that is neither a java.util collection or map nor annotated @Callee",
                    "pass a record or a class, or annotate the interface @Callee so that it crosses as a remote reference");
        }
        return Optional.empty();
    }

    /**
     * Collections and maps of {@code java.util} have serializable implementations the runtime
     * registers itself; a sealed interface lists every implementation, which are registered too.
     */
    private boolean isSendableInterface(DeclaredType type, TypeElement element) {
        if (element.getModifiers().contains(Modifier.SEALED)) {
            return true;
        }
        boolean collection = isSubtype(type, "java.util.Collection") || isSubtype(type, "java.util.Map");
        return collection && packageOf(element).startsWith("java.util");
    }

    private boolean isSubtype(TypeMirror type, String supertypeName) {
        TypeElement supertype = elements.getTypeElement(supertypeName);
        return supertype != null && types.isSubtype(types.erasure(type), types.erasure(supertype.asType()));
    }

    private String packageOf(TypeElement element) {
        PackageElement pkg = elements.getPackageOf(element);
        return pkg.getQualifiedName().toString();
    }

    private static Optional<TypeProblem> problem(String reason, String fix) {
        return Optional.of(new TypeProblem(reason, fix));
    }
}
