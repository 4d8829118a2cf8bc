package dev.isolate4j.internal.serialization;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enums a connection's descriptors list (the application's, and the {@code java.*} enums its
 * interfaces declare, such as {@code DayOfWeek}): by class, for the writer, which writes a constant
 * as the hash of its class's name and its own name; by that hash, for the reader, which finds the
 * constant by name in its own version of the enum ({@link EnumNames}). An enum no descriptor lists
 * crosses through Fory, where only listed classes are allowed.
 */
final class RegisteredEnums {
    private final Map<Class<?>, Long> hashes = new ConcurrentHashMap<>();
    private final Map<Long, Class<?>> byHash = new ConcurrentHashMap<>();
    private final Map<Class<?>, EnumNames<?>> names = new ConcurrentHashMap<>();

    /** Notes the enums among {@code types}; a class whose name hashes as another's is left to Fory. */
    void register(Collection<Class<?>> types) {
        for (Class<?> type : types) {
            if (type.isEnum() && !hashes.containsKey(type)) {
                long hash = RecordCodecs.nameHash(type.getName());
                Class<?> named = byHash.putIfAbsent(hash, type);
                if (named == null || named == type) {
                    hashes.put(type, hash);
                }
            }
        }
    }

    /** {@return the hash {@code type} is written with, or {@code null} when it is not registered} */
    Long hash(Class<?> type) {
        return hashes.get(type);
    }

    /**
     * The names of the enum whose class's name hashes to {@code hash}.
     *
     * @throws IllegalArgumentException when no registered enum's does
     */
    EnumNames<?> names(long hash) {
        Class<?> type = byHash.get(hash);
        if (type == null) {
            throw new IllegalArgumentException("a constant of an enum this side has not registered (its name hashes to "
                    + Long.toHexString(hash) + "): the two sides' interfaces must declare the same enums;"
                    + " are they built from the same version of the interface?");
        }
        return names.computeIfAbsent(type, EnumNames::of);
    }
}
