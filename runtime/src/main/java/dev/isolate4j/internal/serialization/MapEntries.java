package dev.isolate4j.internal.serialization;

import java.util.AbstractMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.Serializer;

/**
 * Map entries cross as their key and value. {@code Map.entry}, {@code SimpleEntry} and {@code
 * SimpleImmutableEntry} come back as themselves; the entries of a map's own entry set (a {@code
 * HashMap}'s, a {@code TreeMap}'s...), which belong to their map, come back as a {@code
 * SimpleImmutableEntry} of the same key and value: what an entry copied out of its map is.
 */
final class MapEntries {
    /** The entry classes of the JDK's maps, by name: they are not public. */
    private static final String[] MAP_OWN_ENTRIES = {
        "java.util.HashMap$Node",
        "java.util.HashMap$TreeNode",
        "java.util.LinkedHashMap$Entry",
        "java.util.TreeMap$Entry",
        "java.util.concurrent.ConcurrentHashMap$MapEntry",
        "java.util.Collections$UnmodifiableMap$UnmodifiableEntrySet$UnmodifiableEntry",
    };

    private MapEntries() {}

    static void registerInto(ThreadSafeFory fory, String namespace) {
        register(fory, namespace, Map.entry("", "").getClass(), "MapEntry", Map::entry);
        register(fory, namespace, AbstractMap.SimpleEntry.class, "SimpleEntry", AbstractMap.SimpleEntry::new);
        register(
                fory,
                namespace,
                AbstractMap.SimpleImmutableEntry.class,
                "SimpleImmutableEntry",
                AbstractMap.SimpleImmutableEntry::new);
        for (String name : MAP_OWN_ENTRIES) {
            Class<?> type = jdkClass(name);
            if (type != null) {
                register(
                        fory,
                        namespace,
                        type,
                        name.substring(name.lastIndexOf('.') + 1),
                        AbstractMap.SimpleImmutableEntry::new);
            }
        }
    }

    private static Class<?> jdkClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return null; // a JDK without it has no such entries to send
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(
            ThreadSafeFory fory,
            String namespace,
            Class<?> type,
            String name,
            BiFunction<Object, Object, Map.Entry<?, ?>> rebuild) {
        fory.register(type, namespace, name);
        fory.registerSerializer(type, resolver -> new ByParts(resolver.getConfig(), (Class) type, rebuild));
    }

    @SuppressWarnings("rawtypes")
    private static final class ByParts extends Serializer<Map.Entry> {
        private final BiFunction<Object, Object, Map.Entry<?, ?>> rebuild;

        ByParts(Config config, Class<Map.Entry> type, BiFunction<Object, Object, Map.Entry<?, ?>> rebuild) {
            super(config, type);
            this.rebuild = rebuild;
        }

        @Override
        public void write(WriteContext context, Map.Entry entry) {
            context.writeRef(entry.getKey());
            context.writeRef(entry.getValue());
        }

        @Override
        public Map.Entry read(ReadContext context) {
            Object key = context.readRef();
            return rebuild.apply(key, context.readRef());
        }
    }
}
