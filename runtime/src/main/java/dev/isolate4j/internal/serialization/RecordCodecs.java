package dev.isolate4j.internal.serialization;

import dev.isolate4j.spi.RecordCodec;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record codecs one connection registered ({@link RecordCodec}, listed by the descriptors of
 * its interfaces): by class, for the writer, and by the hash of the class's name, which is what a
 * record carries on the wire, for the reader.
 *
 * <p>A record names its class by a 64-bit hash rather than by the name itself, which would make a
 * small record's payload several times larger; the two sides each register the codecs their own
 * descriptors list, so a hash finds the same class on both. A second hash, of the components,
 * tells a reader that the writer's version of the record differs from its own, which it then
 * refuses with both named rather than reading one component as another. Both hashes are FNV-1a:
 * registration happens while a child starts, before anything else would load a message digest.
 */
final class RecordCodecs {
    /** How deep records may nest in one value: deeper ones cross through Fory, or are refused when read. */
    static final int MAX_DEPTH = 32;

    /**
     * A registered codec with its hashes.
     *
     * @param codec the codec, of a record class
     * @param nameHash the hash of the class's name, written before the components
     * @param schemaHash the hash of its components' types and names
     */
    record Entry(RecordCodec<Record> codec, long nameHash, int schemaHash) {
        /** {@return the record's components as this side declares them, for messages} */
        String described() {
            return codec.type().getName() + "(" + String.join(", ", codec.schema()) + ")";
        }
    }

    private final Map<Class<?>, Entry> byType = new ConcurrentHashMap<>();
    private final Map<Long, Entry> byName = new ConcurrentHashMap<>();
    /** Registered record classes without a codec, by name hash: read by a {@link ReflectedRecordCodec}. */
    private final Map<Long, Class<? extends Record>> withoutCodec = new ConcurrentHashMap<>();

    /**
     * Registers {@code codecs}; a class registered already keeps its first codec. Two classes whose
     * names hash alike (unheard of, but possible) keep the first: the other one's records then cross
     * through Fory.
     */
    void register(Collection<RecordCodec<?>> codecs) {
        for (RecordCodec<?> codec : codecs) {
            if (byType.containsKey(codec.type())) {
                continue;
            }
            @SuppressWarnings("unchecked") // a codec's class is its own type argument's
            RecordCodec<Record> any = (RecordCodec<Record>) codec;
            Entry entry = new Entry(any, nameHash(codec.type().getName()), schemaHash(codec));
            Entry named = byName.putIfAbsent(entry.nameHash(), entry);
            if (named != null
                    && named.codec() instanceof ReflectedRecordCodec
                    && named.codec().type() == codec.type()) {
                byName.replace(entry.nameHash(), named, entry); // read before its codec came: read by it from now on
                named = null;
            }
            if (named == null || named.codec().type() == codec.type()) {
                byType.putIfAbsent(codec.type(), named == null ? entry : named);
            }
        }
    }

    /**
     * Notes the records among {@code types} (a descriptor's serialized types), so that one written by
     * its components can be read even when this side's descriptor has no codec for it.
     */
    void registerTypes(Collection<Class<?>> types) {
        for (Class<?> type : types) {
            if (type.isRecord()) {
                withoutCodec.putIfAbsent(nameHash(type.getName()), type.asSubclass(Record.class));
            }
        }
    }

    /** {@return the entry of {@code type}, or {@code null} when it has no codec here} */
    Entry forType(Class<?> type) {
        return byType.get(type);
    }

    /**
     * The entry whose class's name hashes to {@code nameHash}: its codec, or a reflected one when
     * the class was registered without; {@code null} when no such class was registered.
     */
    Entry forName(long nameHash) {
        Entry entry = byName.get(nameHash);
        if (entry != null) {
            return entry;
        }
        Class<? extends Record> type = withoutCodec.get(nameHash);
        if (type == null) {
            return null;
        }
        ReflectedRecordCodec codec = ReflectedRecordCodec.of(type);
        Entry reflected = new Entry(codec, nameHash, schemaHash(codec));
        Entry raced = byName.putIfAbsent(nameHash, reflected);
        return raced != null ? raced : reflected;
    }

    static long nameHash(String name) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            hash = (hash ^ name.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    static int schemaHash(RecordCodec<?> codec) {
        int hash = 0x811c9dc5;
        for (String component : codec.schema()) {
            for (int i = 0; i < component.length(); i++) {
                hash = (hash ^ component.charAt(i)) * 0x01000193;
            }
            hash = (hash ^ ';') * 0x01000193;
        }
        return hash;
    }
}
