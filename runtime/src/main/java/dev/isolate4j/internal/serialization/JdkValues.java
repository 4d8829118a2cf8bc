package dev.isolate4j.internal.serialization;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.resolver.TypeResolver;
import org.apache.fory.serializer.ImmutableSerializer;
import org.apache.fory.serializer.collection.CollectionSerializer;

/**
 * JDK types that APIs pass and Fory does not carry by itself: {@link File} and {@link URL} cross as
 * their text (a path means the same on both sides of a host and its child), the comparator {@code
 * String.CASE_INSENSITIVE_ORDER} of a sorted map or set as itself ({@code
 * Collections.reverseOrder()} and {@code Comparator.naturalOrder()} Fory carries itself), map
 * entries as their key and value ({@link MapEntries}), and {@code Arrays.asList} as its elements,
 * since Fory would write its backing array, whose class an application type's array is and which no
 * descriptor registers. Registered by name, like application types.
 */
final class JdkValues {
    private static final String NAMESPACE = "isolate4j:jdk";

    private JdkValues() {}

    /** Registers the types and their serializers with {@code fory}. */
    static void registerInto(ThreadSafeFory fory) {
        byText(fory, File.class, "File", File::getPath, File::new);
        byText(fory, URL.class, "URL", URL::toExternalForm, JdkValues::url);
        constant(fory, String.CASE_INSENSITIVE_ORDER, "CaseInsensitiveOrder");
        MapEntries.registerInto(fory, NAMESPACE);
        Class<?> arraysAsList = Arrays.asList().getClass();
        // Fory registers the class itself; only its serializer is replaced.
        fory.registerSerializer(arraysAsList, resolver -> new ArraysAsList(resolver, arraysAsList));
    }

    private static URL url(String text) {
        try {
            return URI.create(text).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the other side sent the URL '" + text + "', which this side cannot" + " read: " + e.getMessage(),
                    e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> void byText(
            ThreadSafeFory fory, Class<?> type, String name, Function<T, String> write, Function<String, T> read) {
        fory.register(type, NAMESPACE, name);
        fory.registerSerializer(type, resolver -> new ByText(resolver.getConfig(), type, write, read));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void constant(ThreadSafeFory fory, Object value, String name) {
        Class<?> type = value.getClass();
        fory.register(type, NAMESPACE, name);
        fory.registerSerializer(type, resolver -> new Constant(resolver.getConfig(), type, value));
    }

    private static final class ByText<T> extends ImmutableSerializer<T> {
        private final Function<T, String> write;
        private final Function<String, T> read;

        ByText(Config config, Class<T> type, Function<T, String> write, Function<String, T> read) {
            super(config, type);
            this.write = write;
            this.read = read;
        }

        @Override
        public void write(WriteContext context, T value) {
            context.writeString(write.apply(value));
        }

        @Override
        public T read(ReadContext context) {
            return read.apply(context.readString());
        }
    }

    private static final class Constant<T> extends ImmutableSerializer<T> {
        private final T value;

        Constant(Config config, Class<T> type, T value) {
            super(config, type);
            this.value = value;
        }

        @Override
        public void write(WriteContext context, T ignored) {
            // the type says it all
        }

        @Override
        public T read(ReadContext context) {
            return value;
        }
    }

    /**
     * An {@code Arrays.asList} list as its elements, read back as a list of the same kind. Fory
     * accepts only a collection serializer for a collection class; this one writes the elements
     * itself rather than through Fory's generated code.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class ArraysAsList extends CollectionSerializer<List> {
        ArraysAsList(TypeResolver resolver, Class type) {
            super(resolver, type, false);
        }

        @Override
        public void write(WriteContext context, List list) {
            context.writeVarUInt32(list.size());
            for (Object element : list) {
                context.writeRef(element);
            }
        }

        @Override
        public List read(ReadContext context) {
            int size = context.readVarUInt32();
            Object[] elements = new Object[size];
            for (int i = 0; i < size; i++) {
                elements[i] = context.readRef();
            }
            return Arrays.asList(elements);
        }
    }
}
