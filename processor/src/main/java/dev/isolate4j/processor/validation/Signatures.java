package dev.isolate4j.processor.validation;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Text forms of types and methods: the wire signatures that host and extension compare, and the
 * short forms used in diagnostics.
 */
final class Signatures {
    private final Types types;

    Signatures(Types types) {
        this.types = types;
    }

    /**
     * The erased canonical name of {@code type}: {@code java.util.List}, {@code int[]}, {@code
     * com.acme.Outer.Point}; the same as {@code Class.getCanonicalName()} of the erased class, so
     * that a runtime computing signatures by reflection agrees.
     */
    String erasedName(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        switch (erased.getKind()) {
            case ARRAY:
                return erasedName(((ArrayType) erased).getComponentType()) + "[]";
            case DECLARED:
            case ERROR:
                return ((TypeElement) ((DeclaredType) erased).asElement())
                        .getQualifiedName()
                        .toString();
            default:
                return erased.toString();
        }
    }

    /** The method's wire signature, e.g. {@code greet(java.lang.String)java.lang.String}. */
    String signature(String name, List<? extends TypeMirror> parameters, TypeMirror returnType) {
        return name + "(" + join(parameters, this::erasedName) + ")" + erasedName(returnType);
    }

    /**
     * A key equal for two methods that cannot be told apart on the wire: same name and same
     * parameter types once erased and boxed ({@code f(int)} and {@code f(Integer)}).
     */
    String boxedKey(String name, List<? extends TypeMirror> parameters) {
        return name + "(" + join(parameters, type -> erasedName(boxed(type))) + ")";
    }

    /** A key for a method's name and erased parameter types, to find overriding declarations. */
    String erasedKey(String name, List<? extends TypeMirror> parameters) {
        return name + "(" + join(parameters, this::erasedName) + ")";
    }

    /** The method as diagnostics show it, e.g. {@code greet(String, int)}. */
    String display(ExecutableElement method) {
        return method.getSimpleName() + "("
                + method.getParameters().stream()
                        .map(p -> simpleName(p.asType()))
                        .collect(Collectors.joining(", "))
                + ")";
    }

    /** The simple name of the type that declares {@code method}, e.g. {@code Greeter}. */
    static String owner(ExecutableElement method) {
        return method.getEnclosingElement().getSimpleName().toString();
    }

    /** A short, erased form of {@code type} for diagnostics, e.g. {@code List} or {@code int[]}. */
    String simpleName(TypeMirror type) {
        String name = erasedName(type);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /**
     * {@code type} as source code in its own package would write it, e.g. {@code Map<String,
     * Point>} or {@code Point[]}: simple names, with type arguments.
     */
    String sourceName(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return sourceName(((ArrayType) type).getComponentType()) + "[]";
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                String simple = declared.asElement().getSimpleName().toString();
                if (declared.getTypeArguments().isEmpty()) {
                    return simple;
                }
                return simple
                        + declared.getTypeArguments().stream()
                                .map(this::sourceName)
                                .collect(Collectors.joining(", ", "<", ">"));
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    return "? extends " + sourceName(wildcard.getExtendsBound());
                }
                return wildcard.getSuperBound() == null ? "?" : "? super " + sourceName(wildcard.getSuperBound());
            default:
                return type.toString();
        }
    }

    /** What kind of type {@code element} is, in the words of a diagnostic: "a class", "an enum". */
    static String kindPhrase(ElementKind kind) {
        switch (kind) {
            case ENUM:
                return "an enum";
            case RECORD:
                return "a record";
            case ANNOTATION_TYPE:
                return "an annotation type";
            case INTERFACE:
                return "an interface";
            default:
                return "a class";
        }
    }

    private TypeMirror boxed(TypeMirror type) {
        return type.getKind().isPrimitive()
                ? types.boxedClass((PrimitiveType) type).asType()
                : type;
    }

    private static <T> String join(List<? extends T> items, Function<T, String> text) {
        return items.stream().map(text).collect(Collectors.joining(","));
    }

    /** Whether {@code type} is {@code void}. */
    static boolean isVoid(TypeMirror type) {
        return type.getKind() == TypeKind.VOID;
    }
}
