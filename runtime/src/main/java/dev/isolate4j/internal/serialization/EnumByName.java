package dev.isolate4j.internal.serialization;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.ImmutableSerializer;

/**
 * Writes an enum constant as its name, and reads it back by name: a host built with {@code {LOW,
 * HIGH}} and an extension with {@code {LOW, MEDIUM, HIGH}} agree on {@code HIGH}, where ordinals
 * would turn {@code MEDIUM} into {@code HIGH}. A name the reading side's enum does not have fails
 * the value with both versions named, never becomes another constant. Also keeps Fory from
 * describing the enum's class to the other side, which it would do with {@code java.lang.Enum} as
 * a superclass that a registration-checking reader refuses.
 *
 * @param <E> the enum
 */
final class EnumByName<E extends Enum<E>> extends ImmutableSerializer<E> {
    private final Class<E> type;
    private final Map<String, E> byName = new HashMap<>();

    EnumByName(Config config, Class<E> type) {
        super(config, type);
        this.type = type;
        for (E constant : type.getEnumConstants()) {
            byName.put(constant.name(), constant);
        }
    }

    @Override
    public void write(WriteContext context, E value) {
        context.writeString(value.name());
    }

    @Override
    public E read(ReadContext context) {
        String name = context.readString();
        E constant = byName.get(name);
        if (constant == null) {
            throw new IllegalArgumentException("the other side sent the constant " + name + " of " + type.getName()
                    + ", which this side's " + type.getSimpleName() + " does not have (it has "
                    + Arrays.toString(type.getEnumConstants()) + "): the two sides were built from different versions"
                    + " of it; build both against the same version");
        }
        return constant;
    }

    /** A serializer for {@code type}, an enum class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static EnumByName<?> of(Config config, Class<?> type) {
        return new EnumByName(config, type.asSubclass(Enum.class));
    }
}
