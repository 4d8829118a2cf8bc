package dev.isolate4j.processor.validation;

import dev.isolate4j.processor.validation.MethodCollector.Member;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Whether an interface's values may need Fory, by their declared types: no when every parameter,
 * result, stream item, record component, callback's value and declared exception's field is one the
 * runtime writes itself (the primitives, their boxes and their arrays, {@code String} and {@code
 * String[]}, {@code SharedBuffer}, the {@code java.time} values of {@code SIMPLE_CLASSES}, {@code
 * UUID}, {@code BigInteger}, {@code BigDecimal}, {@code URI}, {@code File}, the application's enums
 * and those of {@code java.*}, records of such values, which get codecs, and lists, maps, sets
 * ({@code EnumSet}s too) and {@code Optional}s of them). A child whose interface needs none does not
 * build Fory ahead of time (a Fory costs a child about 8 MiB and 0.4 s of processor time); a value
 * that needs it after all, say a {@code Vector} where a {@code List} is declared, or a {@code
 * TreeMap} with a comparator, builds it then.
 */
final class ForyNeeds {
    private static final Set<String> SIMPLE_CLASSES = Set.of(
            "java.lang.String",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Double",
            "java.lang.Float",
            "java.lang.Boolean",
            "java.lang.Void",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Character",
            "dev.isolate4j.SharedBuffer",
            // The runtime's JdkValueKind: final classes but the big numbers and File, whose subclasses are rare.
            "java.time.Instant",
            "java.time.Duration",
            "java.time.LocalDate",
            "java.time.LocalTime",
            "java.time.LocalDateTime",
            "java.time.OffsetDateTime",
            "java.time.ZonedDateTime",
            "java.time.Period",
            "java.time.YearMonth",
            "java.time.ZoneOffset",
            "java.net.URI",
            "java.io.File",
            "java.util.UUID",
            "java.math.BigInteger",
            "java.math.BigDecimal");
    /**
     * Lists, maps, sets and optionals of the classes the runtime makes again; a sorted one with a
     * comparator rather than natural order builds Fory when it crosses.
     */
    private static final Set<String> COLLECTIONS = Set.of(
            "java.util.List",
            "java.util.ArrayList",
            "java.util.LinkedList",
            "java.util.Map",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.Set",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.SortedMap",
            "java.util.NavigableMap",
            "java.util.TreeMap",
            "java.util.SortedSet",
            "java.util.NavigableSet",
            "java.util.TreeSet",
            "java.util.EnumSet",
            "java.util.Optional");

    private static final Set<String> WRAPPERS = Set.of(
            "java.util.concurrent.Flow.Publisher",
            "java.util.concurrent.CompletableFuture",
            "java.util.concurrent.CompletionStage");

    private final Types types;
    private final Elements elements;
    /** Records and callbacks being or already checked: a type that reaches itself adds nothing. */
    private final Set<TypeElement> seen = new HashSet<>();

    private ForyNeeds(Types types, Elements elements) {
        this.types = types;
        this.elements = elements;
    }

    /** {@return whether a value of {@code remote}'s methods may need Fory} */
    static boolean of(List<Member> remote, Types types, Elements elements) {
        ForyNeeds needs = new ForyNeeds(types, elements);
        return remote.stream().anyMatch(member -> needs.method(member.type()));
    }

    private boolean method(ExecutableType type) {
        return type.getParameterTypes().stream().anyMatch(this::value)
                || value(type.getReturnType())
                || type.getThrownTypes().stream().anyMatch(this::exceptionFields);
    }

    private boolean value(TypeMirror type) {
        TypeKind kind = type.getKind();
        if (kind == TypeKind.VOID || kind.isPrimitive()) {
            return false; // byte, short and char too, as the runtime's JdkValueKind
        }
        if (kind == TypeKind.ARRAY) {
            // Every primitive's array, and String[]: the runtime's JdkValueKind writes those SimpleKind has not.
            TypeMirror component = ((ArrayType) type).getComponentType();
            return !component.getKind().isPrimitive()
                    && !types.isSameType(
                            component,
                            elements.getTypeElement("java.lang.String").asType());
        }
        return kind != TypeKind.DECLARED || declared((DeclaredType) type);
    }

    private boolean declared(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        if (SIMPLE_CLASSES.contains(name)) {
            return false;
        }
        if (COLLECTIONS.contains(name)) {
            return arguments.isEmpty() || arguments.stream().anyMatch(this::value);
        }
        if (WRAPPERS.contains(name)) {
            return arguments.size() != 1 || value(arguments.get(0));
        }
        if (element.getKind() == ElementKind.ENUM) {
            // The application's and java.*'s enums are listed, and cross by name; others need Fory.
            return !TypeRules.isApplicationType(element, elements) && !TypeRules.isJdkEnum(element, elements);
        }
        if (TypeRules.isRemoteInterface(element)) {
            return seen.add(element) && callback(type, element);
        }
        if (element.getKind() == ElementKind.RECORD
                && element.getTypeParameters().isEmpty()) {
            return seen.add(element)
                    && element.getRecordComponents().stream()
                            .map(RecordComponentElement::asType)
                            .anyMatch(this::value);
        }
        return true;
    }

    /** A callback crosses as a reference, which needs nothing; its own methods' values may. */
    private boolean callback(DeclaredType type, TypeElement element) {
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(element))) {
            if (method.getModifiers().contains(Modifier.ABSTRACT)
                    && method((ExecutableType) types.asMemberOf(type, method))) {
                return true;
            }
        }
        return false;
    }

    /** The exception crosses by name; the values of its own fields, up to the first JDK class, are serialized. */
    private boolean exceptionFields(TypeMirror exception) {
        for (TypeMirror layer = exception;
                layer.getKind() == TypeKind.DECLARED
                        && TypeRules.isApplicationType((TypeElement) types.asElement(layer), elements);
                layer = ((TypeElement) types.asElement(layer)).getSuperclass()) {
            for (VariableElement field :
                    ElementFilter.fieldsIn(types.asElement(layer).getEnclosedElements())) {
                Set<Modifier> modifiers = field.getModifiers();
                if (!modifiers.contains(Modifier.STATIC)
                        && !modifiers.contains(Modifier.TRANSIENT)
                        && value(field.asType())) {
                    return true;
                }
            }
        }
        return false;
    }
}
