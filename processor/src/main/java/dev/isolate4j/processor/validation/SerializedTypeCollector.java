package dev.isolate4j.processor.validation;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Collects, for one interface, the application types its parameters and results contain, so that
 * the serializer can register exactly those and refuse everything else.
 *
 * <p>Walks type arguments, array components, the non-static non-transient fields of classes and
 * records, their application superclasses (listed as well, abstract ones too) and the permitted
 * subclasses of sealed types. JDK types are
 * left to the runtime; {@code @Callee} interfaces cross as references and are not serialized, but
 * the types their methods pass are listed as well (see {@link #walkRemoteInterface}).
 * Array classes are never listed: arrays of application types cannot be serialized, and {@link
 * TypeRules} refuses them as parameters and results; the fields found holding one are returned for
 * the caller to report.
 *
 * <p>A declared exception crosses by name, not serialized, so its class is not listed; the values
 * of its own fields are serialized, so the types reachable from them are ({@link
 * #addExceptionFields}).
 */
final class SerializedTypeCollector {
    private final Types types;
    private final Elements elements;
    private final String packageName;
    /** Collections that keep a comparator. */
    private static final List<String> SORTED =
            List.of("java.util.SortedMap", "java.util.SortedSet", "java.util.PriorityQueue");

    private final Set<TypeName> collected = new LinkedHashSet<>();
    /** The records among the collected types, in the same order. */
    private final Set<TypeElement> records = new LinkedHashSet<>();
    /** The types whose members were walked for an earlier root: their problems are reported already. */
    private final Set<TypeElement> walked = new HashSet<>();
    /** The {@code @Callee} interfaces whose methods' types were walked. */
    private final Set<TypeElement> walkedRemote = new HashSet<>();
    /** Whether the comparators of the package were walked: a sorted collection was met. */
    private boolean walkedComparators;
    /** The types whose members were walked for the current root, which ends recursive types. */
    private Set<TypeElement> walkedFromRoot = new HashSet<>();
    /** Whether what the walk meets now is reported: false below a type walked for an earlier root. */
    private boolean reporting;

    private boolean reachesClass;
    /** Exception classes whose own fields were walked; apart from {@code walked}, which also lists a class's supertypes. */
    private final Set<TypeElement> walkedExceptions = new HashSet<>();

    private List<TypeElement> inaccessible = new ArrayList<>();
    private List<ArrayField> arrayFields = new ArrayList<>();
    private boolean mentionsDeprecated;

    /** @param packageName the package of the generated code, which must be able to name each type */
    SerializedTypeCollector(Types types, Elements elements, String packageName) {
        this.types = types;
        this.elements = elements;
        this.packageName = packageName;
    }

    /**
     * What the types reachable from one root hold for the caller. A type's problems are reported
     * once per interface, for the first root that reaches it.
     *
     * @param inaccessible application types that generated code in the interface's package cannot
     *     name (private, or not public in another package)
     * @param arrayFields fields whose types hold an array of an application type
     * @param reachesClass whether an application class (not a record or an enum) is reachable: its
     *     objects have an identity, which an object reached twice and a cycle rely on, so the values
     *     are written with reference tracking
     */
    record Reached(List<TypeElement> inaccessible, List<ArrayField> arrayFields, boolean reachesClass) {}

    /**
     * A field of a class or a record (a record component) whose type is, or has among its type
     * arguments, an array of an application type.
     *
     * @param field the field, enclosed by the class or record that declares it
     * @param array the array type, e.g. {@code Point[]} for a field of type {@code List<Point[]>}
     */
    record ArrayField(VariableElement field, ArrayType array) {}

    /** Forgets what the walk from the previous root found. */
    private void startRoot() {
        inaccessible = new ArrayList<>();
        arrayFields = new ArrayList<>();
        walkedFromRoot = new HashSet<>();
        reporting = true;
        reachesClass = false;
    }

    /** Adds the types reachable from {@code root}, and returns what was found on the way. */
    Reached add(TypeMirror root) {
        startRoot();
        walk(root);
        return new Reached(inaccessible, arrayFields, reachesClass);
    }

    /**
     * Adds the types reachable from the fields of {@code exception}'s application classes (the class
     * and its superclasses up to the first JDK class), whose values cross with a declared exception;
     * returns the problems found on the way.
     */
    Reached addExceptionFields(TypeMirror exception) {
        startRoot();
        for (TypeMirror layer = exception;
                isApplicationClass(layer);
                layer = asElement(layer).getSuperclass()) {
            if (walkedExceptions.add(asElement(layer))) {
                walkFields(asElement(layer));
            }
        }
        return new Reached(inaccessible, arrayFields, reachesClass);
    }

    /** Whether a collected type is deprecated, so that naming it in generated code raises a warning. */
    boolean mentionsDeprecated() {
        return mentionsDeprecated;
    }

    /** The collected types, erased, in first-seen order. */
    List<TypeName> types() {
        return List.copyOf(collected);
    }

    /** The collected records, in first-seen order. */
    List<TypeElement> records() {
        return List.copyOf(records);
    }

    private void walk(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                // The array class itself is never registered: the serializer reads arrays of JDK
                // types itself, and arrays of application types are reported (TypeRules).
                // Their element types may need registering.
                walk(((ArrayType) type).getComponentType());
                break;
            case DECLARED:
                walkDeclared((DeclaredType) type);
                break;
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    walk(wildcard.getExtendsBound());
                }
                if (wildcard.getSuperBound() != null) {
                    walk(wildcard.getSuperBound());
                }
                break;
            default:
                // Primitives need no registration; type variables are covered by the type arguments
                // of each use (Box<Point> walks Point).
                break;
        }
    }

    private void walkDeclared(DeclaredType type) {
        TypeElement element = asElement(type);
        if (TypeRules.isRemoteInterface(element)) {
            walkRemoteInterface(type, element);
            return;
        }
        if (isRegistrable(element)) {
            reachesClass |= element.getKind() == ElementKind.CLASS;
            if (Accessibility.isAccessible(element, packageName, elements)) {
                collected.add(TypeName.get(types.erasure(type)));
                if (element.getKind() == ElementKind.RECORD) {
                    records.add(element);
                }
                mentionsDeprecated |= Deprecation.mentionsDeprecated(types.erasure(type), elements);
            } else if (reporting && !inaccessible.contains(element)) {
                inaccessible.add(element);
            }
        }
        type.getTypeArguments().forEach(this::walk);
        if (TypeRules.isApplicationType(element, elements)) {
            walkMembers(element);
        } else if (!walkedComparators && isSorted(type)) {
            walkedComparators = true;
            walkComparators();
        }
    }

    private boolean isSorted(DeclaredType type) {
        return SORTED.stream()
                .map(elements::getTypeElement)
                .anyMatch(sorted ->
                        sorted != null && types.isSubtype(types.erasure(type), types.erasure(sorted.asType())));
    }

    /**
     * A sorted collection crosses with its comparator, whose class the declared type does not name:
     * the comparator classes of the interface's own package (nested ones too) are listed, by this
     * documented rule, so that a {@code TreeMap} sorted by the API's own comparator crosses. They
     * hold no values of the method, so they do not make it track references.
     */
    private void walkComparators() {
        boolean wasReachingClass = reachesClass;
        boolean wasReporting = reporting;
        reporting = false; // a comparator the generated code cannot name is simply not listed
        TypeMirror comparator =
                types.erasure(elements.getTypeElement("java.util.Comparator").asType());
        PackageElement pkg = elements.getPackageElement(packageName);
        List<TypeElement> candidates = new ArrayList<>();
        if (pkg != null) {
            addTypes(ElementFilter.typesIn(pkg.getEnclosedElements()), candidates);
        }
        for (TypeElement candidate : candidates) {
            if (candidate.getKind() != ElementKind.INTERFACE
                    && !candidate.getModifiers().contains(Modifier.ABSTRACT)
                    && types.isSubtype(types.erasure(candidate.asType()), comparator)) {
                walk(types.erasure(candidate.asType()));
            }
        }
        reachesClass = wasReachingClass;
        reporting = wasReporting;
    }

    private static void addTypes(List<TypeElement> found, List<TypeElement> into) {
        for (TypeElement type : found) {
            into.add(type);
            addTypes(ElementFilter.typesIn(type.getEnclosedElements()), into);
        }
    }

    private void walkMembers(TypeElement element) {
        if (!walkedFromRoot.add(element)) {
            return; // recursive types (a Node with a Node field) end here
        }
        boolean wasReporting = reporting;
        reporting &= walked.add(element);
        walkFieldsAndSubtypes(element);
        reporting = wasReporting;
    }

    private void walkFieldsAndSubtypes(TypeElement element) {
        if (element.getKind() == ElementKind.CLASS || element.getKind() == ElementKind.RECORD) {
            walkFields(element);
            TypeMirror superclass = element.getSuperclass();
            if (superclass.getKind() == TypeKind.DECLARED
                    && TypeRules.isApplicationType(asElement(superclass), elements)) {
                // Listed too: the serializer describes a class with its superclasses' layers, and a
                // reader refuses a layer whose class is not registered ("PersonBase is not registered").
                walk(superclass);
            }
        }
        element.getPermittedSubclasses().forEach(this::walk);
    }

    /**
     * Lists the types of a {@code @Callee} interface that crosses as a reference (a callback) too, so
     * that a connection registers them when it starts rather than at the callback's first use: what
     * an {@code Object} parameter may carry then does not depend on the order of calls. The
     * interface's problems are reported on its own methods, and its classes do not make this
     * method's values track references: the callback's methods write their own values.
     */
    private void walkRemoteInterface(DeclaredType type, TypeElement element) {
        if (!walkedRemote.add(element)) {
            return;
        }
        boolean wasReporting = reporting;
        boolean wasReachingClass = reachesClass;
        reporting = false;
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(element))) {
            if (method.getModifiers().contains(Modifier.ABSTRACT)) {
                ExecutableType member = (ExecutableType) types.asMemberOf(type, method);
                member.getParameterTypes().forEach(this::walk);
                walk(member.getReturnType());
            }
        }
        reporting = wasReporting;
        reachesClass = wasReachingClass;
    }

    /** The non-static, non-transient fields {@code element} declares itself. */
    private void walkFields(TypeElement element) {
        for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
            Set<Modifier> modifiers = field.getModifiers();
            if (!modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.TRANSIENT)) {
                if (reporting) {
                    TypeRules.applicationArrayIn(field.asType(), elements)
                            .ifPresent(array -> arrayFields.add(new ArrayField(field, array)));
                }
                walk(field.asType());
            }
        }
    }

    private boolean isApplicationClass(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && TypeRules.isApplicationType(asElement(type), elements);
    }

    /**
     * Records, enums and classes of the application, and the JDK's enums; interfaces are never
     * instantiated.
     */
    private boolean isRegistrable(TypeElement element) {
        ElementKind kind = element.getKind();
        boolean concreteKind = kind == ElementKind.CLASS || kind == ElementKind.RECORD || kind == ElementKind.ENUM;
        return (concreteKind && TypeRules.isApplicationType(element, elements))
                || TypeRules.isJdkEnum(element, elements);
    }

    private static TypeElement asElement(TypeMirror type) {
        return (TypeElement) ((DeclaredType) type).asElement();
    }
}
