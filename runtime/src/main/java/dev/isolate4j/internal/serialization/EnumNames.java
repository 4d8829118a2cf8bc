package dev.isolate4j.internal.serialization;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An enum's constants by name, as both encodings read them ({@link EnumByName} in Fory's, the
 * runtime's own otherwise): a name this side's version of the enum lacks fails the value with both
 * versions named, never becomes another constant. Apart from {@link EnumByName}, whose Fory
 * superclass a reader without Fory must not load.
 *
 * @param <E> the enum
 */
final class EnumNames<E extends Enum<E>> {
    private final Class<E> type;
    private final Map<String, E> byName = new HashMap<>();

    private EnumNames(Class<E> type) {
        this.type = type;
        for (E constant : type.getEnumConstants()) {
            byName.put(constant.name(), constant);
        }
    }

    /** The names of {@code type}, an enum class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static EnumNames<?> of(Class<?> type) {
        return new EnumNames(type.asSubclass(Enum.class));
    }

    /**
     * An {@code EnumSet} of the constants named {@code names}.
     *
     * @throws IllegalArgumentException when this side's enum lacks one, as {@link #constant} does
     */
    EnumSet<E> setOf(List<String> names) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (String name : names) {
            set.add(constant(name));
        }
        return set;
    }

    /**
     * The constant named {@code name}.
     *
     * @throws IllegalArgumentException when this side's enum has none: the two sides were built
     *     from different versions of it
     */
    E constant(String name) {
        E constant = byName.get(name);
        if (constant == null) {
            throw new IllegalArgumentException("the other side sent the constant " + name + " of " + type.getName()
                    + ", which this side's " + type.getSimpleName() + " does not have (it has "
                    + Arrays.toString(type.getEnumConstants()) + "): the two sides were built from different versions"
                    + " of it; build both against the same version");
        }
        return constant;
    }
}
