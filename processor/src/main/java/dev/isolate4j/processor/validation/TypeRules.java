package dev.isolate4j.processor.validation;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.ProxiedSingleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
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
 * allowed: it crosses as a remote reference. So is a {@code Flow.Publisher<T>} as a parameter or
 * result itself ({@link #checkTopLevel}): it crosses as a stream, and its items are checked as
 * values; the other {@code Flow} types are refused with that advice.
 *
 * <p>Arrays of application types ({@code Point[]}, {@code Color[][]}) are refused too: the
 * serializer registers application types by name, so that host and child may register them in
 * different orders, but it cannot register an array class by name, and reads an array of a
 * name-registered class back as an array of an unknown class, which fails. A {@code List<Point>}
 * carries the same values. Arrays of primitives and of JDK types ({@code int[]}, {@code String[]})
 * are read by the serializer itself.
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

    private static final String PUBLISHER = "java.util.concurrent.Flow.Publisher";
    private static final List<String> FLOW_INTERFACES = List.of(
            PUBLISHER,
            "java.util.concurrent.Flow.Subscriber",
            "java.util.concurrent.Flow.Subscription",
            "java.util.concurrent.Flow.Processor");

    /**
     * The first reason why a parameter or result (a future's type argument too) of {@code type} cannot be sent,
     * if any: as {@link #check}, except that the type may be a {@code Flow.Publisher<T>} of items
     * that can be sent, which crosses as a stream. Only there: the runtime recognizes a stream by
     * the declared type of the parameter or result, so one inside a collection or a future would be
     * serialized as a value.
     */
    Optional<TypeProblem> checkTopLevel(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED || !signatures.erasedName(type).equals(PUBLISHER)) {
            return check(type);
        }
        DeclaredType publisher = (DeclaredType) type;
        if (publisher.getTypeArguments().isEmpty()) {
            return problem(
                    "Flow.Publisher is a raw type, so the type of its items is unknown",
                    "give it the items' type, e.g. Flow.Publisher<String>");
        }
        TypeMirror item = publisher.getTypeArguments().get(0);
        if (item.getKind() == TypeKind.WILDCARD) {
            return problem(
                    type + " does not say what its items are, and each item is serialized as its declared type",
                    "give it a concrete type argument, e.g. Flow.Publisher<String>");
        }
        if (item.getKind() == TypeKind.DECLARED && isRemoteInterface(((DeclaredType) item).asElement())) {
            return problem(
                    "the items of a stream cross by value, and " + item + " is a @Callee interface",
                    "stream records or classes that carry the values");
        }
        return check(item);
    }

    /** The first reason why a value of {@code type} cannot be sent, if any. */
    Optional<TypeProblem> check(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE:
                return Optional.empty();
            case ARRAY:
                return checkArray((ArrayType) type);
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

    private Optional<TypeProblem> checkArray(ArrayType array) {
        Optional<TypeProblem> element = check(elementType(array));
        if (element.isPresent()) {
            return element;
        }
        return isApplicationArray(array, elements) ? Optional.of(arrayProblem(array)) : Optional.empty();
    }

    /**
     * Why {@code array}, an array of an application type, cannot be sent, e.g. for {@code Point[][]}:
     * "com.acme.Point[][] is an array of an application type, and arrays of application types cannot
     * be serialized", "use List&lt;List&lt;Point&gt;&gt; instead".
     */
    TypeProblem arrayProblem(ArrayType array) {
        TypeMirror element = elementType(array);
        int dimensions = 0;
        for (TypeMirror type = array; type.getKind() == TypeKind.ARRAY; type = ((ArrayType) type).getComponentType()) {
            dimensions++;
        }
        String list = "List<".repeat(dimensions) + signatures.sourceName(element) + ">".repeat(dimensions);
        return new TypeProblem(
                signatures.erasedName(array)
                        + " is an array of an application type, and arrays of application types cannot be serialized",
                "use " + list + " instead");
    }

    /**
     * The first array of an application type within {@code type}: {@code type} itself, or one in its
     * type arguments ({@code List<Point[]>}) or in those of its array element type, at any depth.
     */
    static Optional<ArrayType> applicationArrayIn(TypeMirror type, Elements elements) {
        switch (type.getKind()) {
            case ARRAY:
                if (isApplicationArray((ArrayType) type, elements)) {
                    return Optional.of((ArrayType) type);
                }
                return applicationArrayIn(elementType(type), elements);
            case DECLARED:
                for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
                    Optional<ArrayType> found = applicationArrayIn(argument, elements);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                TypeMirror bound =
                        wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
                return bound == null ? Optional.empty() : applicationArrayIn(bound, elements);
            default:
                return Optional.empty();
        }
    }

    /**
     * Whether the element type of {@code array} (all dimensions removed) is an application type
     * that is serialized: a record, a class, an enum or a sealed interface, not a {@code @Callee}
     * interface, which crosses as a reference.
     */
    private static boolean isApplicationArray(ArrayType array, Elements elements) {
        TypeMirror element = elementType(array);
        if (element.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement typeElement = (TypeElement) ((DeclaredType) element).asElement();
        return !isRemoteInterface(typeElement) && isApplicationType(typeElement, elements);
    }

    /** {@code type} without its array dimensions: {@code Point} for {@code Point[][]}. */
    private static TypeMirror elementType(TypeMirror type) {
        TypeMirror element = type;
        while (element.getKind() == TypeKind.ARRAY) {
            element = ((ArrayType) element).getComponentType();
        }
        return element;
    }

    /** Types of isolate4j's own that the runtime serializes itself (a shared buffer crosses as a handle). */
    private static final Set<String> RUNTIME_TYPES = Set.of("dev.isolate4j.SharedBuffer");

    /**
     * Whether {@code element} is an enum of the JDK's {@code java.*} packages ({@code DayOfWeek},
     * {@code TimeUnit}, {@code RoundingMode}): listed with the application's enums, so that its
     * constants cross by name as theirs do, not refused as an unregistered class.
     */
    static boolean isJdkEnum(TypeElement element, Elements elements) {
        return element.getKind() == ElementKind.ENUM
                && elements.getPackageOf(element).getQualifiedName().toString().startsWith("java.");
    }

    /**
     * Whether {@code element} belongs to the application rather than the JDK or the runtime, whose
     * types the runtime serializes without registering them.
     */
    static boolean isApplicationType(TypeElement element, Elements elements) {
        if (RUNTIME_TYPES.contains(element.getQualifiedName().toString())) {
            return false;
        }
        String pkg = elements.getPackageOf(element).getQualifiedName().toString();
        return !(pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jdk."));
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
        if (isFlowType(type)) {
            return flowProblem(name);
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
        if (isSubtype(type, "java.nio.file.Path")) {
            return problem(
                    name + " is a path of this process's file system, which the serializer does not carry",
                    "pass a java.io.File, or path.toString() and Path.of(...) on the other side");
        }
        if (isSubtype(type, "java.lang.Thread")) {
            return problem(name + " is a thread of this process", "pass its name or id");
        }
        if (isSubtype(type, "java.util.Iterator")
                || (isSubtype(type, "java.lang.Iterable") && !isSubtype(type, "java.util.Collection"))) {
            return problem(name + " is an Iterator or an Iterable that is not a Collection", "pass a List or a Set");
        }
        if (element.getKind() == ElementKind.CLASS
                && element.getModifiers().contains(Modifier.ABSTRACT)
                && !element.getModifiers().contains(Modifier.SEALED)
                && isApplicationType(element, elements)) {
            return problem(
                    name + " is an abstract class that is not sealed: its values are instances of subclasses the"
                            + " processor cannot know, so none of them could be registered to cross",
                    "declare it sealed with a permits clause naming its subclasses (they cross as themselves),"
                            + " or take a record or a final class");
        }
        if (element.getKind() == ElementKind.INTERFACE && !isSendableInterface(type, element)) {
            if (!isApplicationType(element, elements)) {
                return problem(
                        name + " is an interface of the JDK that is neither a java.util collection or map nor a"
                                + " value isolate4j carries",
                        "pass a record or a class; for a callback, declare a @Callee interface of your own, e.g."
                                + " '@Callee interface Listener { void accept(String value); }', and take that");
            }
            return problem(
                    name + " is an interface that is neither sealed nor annotated @Callee",
                    "declare it sealed with a permits clause naming its implementations so that they cross by"
                            + " value, annotate it @Callee so that it crosses as a remote reference, or pass a"
                            + " record or a class");
        }
        return Optional.empty();
    }

    /**
     * Collections, maps and map entries of {@code java.util} have serializable implementations the
     * runtime registers itself; a sealed interface lists every implementation, which are registered
     * too.
     */
    private boolean isSendableInterface(DeclaredType type, TypeElement element) {
        if (element.getModifiers().contains(Modifier.SEALED)) {
            return true;
        }
        boolean collection = isSubtype(type, "java.util.Collection")
                || isSubtype(type, "java.util.Map")
                || isSubtype(type, "java.util.Map.Entry");
        return collection && packageOf(element).startsWith("java.util");
    }

    /**
     * Whether {@code type} is one of {@code java.util.concurrent.Flow}'s interfaces or implements
     * one ({@code SubmissionPublisher}, a publisher class of the application).
     */
    private boolean isFlowType(DeclaredType type) {
        return FLOW_INTERFACES.stream().anyMatch(flow -> isSubtype(type, flow));
    }

    /** Why a Flow type met where no stream can be (inside another type, or not a Publisher). */
    private static Optional<TypeProblem> flowProblem(String name) {
        if (name.equals(PUBLISHER)) {
            return problem(
                    "a Flow.Publisher crosses as a stream only as a parameter or a result itself, not inside"
                            + " another type",
                    "take or return the Flow.Publisher<T> itself, or one Flow.Publisher per stream");
        }
        return problem(
                name + " is bound to the process it lives in; of java.util.concurrent.Flow, only a Publisher"
                        + " declared as Flow.Publisher crosses (as a stream)",
                "take or return a Flow.Publisher<T> instead: the other side subscribes to it and receives its"
                        + " items as they are produced");
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
