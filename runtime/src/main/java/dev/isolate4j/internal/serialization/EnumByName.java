package dev.isolate4j.internal.serialization;

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
    private final EnumNames<E> names;

    @SuppressWarnings("unchecked") // the names of E
    EnumByName(Config config, Class<E> type) {
        super(config, type);
        this.names = (EnumNames<E>) EnumNames.of(type);
    }

    @Override
    public void write(WriteContext context, E value) {
        context.writeString(value.name());
    }

    @Override
    public E read(ReadContext context) {
        return names.constant(context.readString());
    }

    /** A serializer for {@code type}, an enum class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static EnumByName<?> of(Config config, Class<?> type) {
        return new EnumByName(config, type.asSubclass(Enum.class));
    }
}
