package dev.isolate4j.internal.serialization;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.internal.sharedmemory.SharedBufferHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The encoding of the values most calls carry, without Fory: strings, boxed primitives, primitive
 * arrays, lists of one kind of boxed number ({@code ArrayList}, {@code Arrays.asList}, {@code
 * List.of} and {@code Stream.toList}: {@link ListShape}), and argument lists ({@code Object[]}) of all
 * these.
 *
 * <p>Why: such a call needs no Fory instance, which a child that has just started is still
 * building (the first call of a warm start waited about 40 ms for it); a {@code byte[]} is written
 * from the caller's own array, not copied into Fory's stream and out of it again; and a list of
 * 100,000 {@code Double}s is written in 0.31 ms, against Fory's 0.55 (reading it back, bound by the
 * allocation of the {@code Double}s, costs both about 0.4 ms).
 *
 * <p>Layout, little-endian (both sides run on one machine): a kind byte, then the value: nothing
 * for null; an int length and the characters of a string (one byte each when all fit in ISO 8859-1,
 * else UTF-16 code units, which keep even unpaired surrogates); the number for a boxed primitive; an int
 * count and the elements for an array; the same after its {@link ListShape}'s byte for a list of numbers. Reading checks every length against the bytes left before
 * it allocates, and refuses an unknown kind by its number. The kinds, each with its codec, are
 * {@link SimpleKind}'s table; this class lays out argument lists and the frame's segment.
 */
final class SimpleValues {
    /** The smallest {@code byte[]} worth a segment: below it, the copy costs less than the bookkeeping. */
    static final int SEGMENT_MIN_BYTES = 64 << 10;

    /** A {@code byte[]} this large goes out as a part of its own, without a copy. */
    private static final int OWN_PART_BYTES = 4096;

    private SimpleValues() {}

    /**
     * How a value is written here: the kind of each argument of an argument list, or the one kind of
     * a single value, and what is written, which is the value itself but for its lists of numbers
     * ({@link SimpleKind.Listed}); decided once, so that a list of numbers is copied and scanned
     * once.
     *
     * @param kinds the kinds, one per argument or one for a single value
     * @param value the arguments ({@code Object[]}) or the single value, lists of numbers planned
     */
    record Plan(SimpleKind[] kinds, Object value) {}

    /**
     * Plans {@code value}.
     *
     * @param connection what the connection allows: a record with a codec, whose components are
     *     simple values, is simple too, and so are its enums' constants, and a shared buffer where
     *     buffers may cross
     * @return the plan, or {@code null} when some part is not a simple value (Fory's then)
     * @throws IllegalArgumentException when a shared buffer may not cross this connection
     */
    static Plan plan(Object value, Connection connection) {
        if (isArgumentList(value)) {
            Object[] arguments = (Object[]) value;
            SimpleKind[] kinds = new SimpleKind[arguments.length];
            Object[] parts = planAll(arguments, kinds, connection, 0);
            return parts == null ? null : new Plan(kinds, parts);
        }
        Object part = planned(value, connection, 0);
        SimpleKind kind = SimpleKind.of(part);
        return kind == null ? null : new Plan(new SimpleKind[] {kind}, part);
    }

    /**
     * {@code value} planned as a collection: a list of one number kind or of strings as {@link
     * SimpleKind.Listed}, another list of a {@link ListShape}'s class, or a map or set of a {@link
     * ContainerShape}'s class, as {@link SimpleKind.Contents} when all its parts are simple values;
     * anything else as itself.
     */
    private static Object collection(Object value, Connection connection, int depth) {
        Object listed = SimpleKind.Listed.of(value);
        if (listed instanceof SimpleKind.Listed list) {
            if (SimpleKind.of(list) != null) {
                return list;
            }
            return contents(SimpleKind.LIST, list.shape().code, list.elements(), value, connection, depth);
        }
        ContainerShape shape = value == null ? null : ContainerShape.of(value);
        return shape == null
                ? value
                : contents(SimpleKind.CONTAINER, shape.code, ContainerShape.parts(value), value, connection, depth);
    }

    private static Object contents(
            SimpleKind kind, byte shape, Object[] elements, Object value, Connection connection, int depth) {
        if (depth >= RecordCodecs.MAX_DEPTH) {
            return value;
        }
        SimpleKind[] kinds = new SimpleKind[elements.length];
        Object[] parts = planAll(elements, kinds, connection, depth + 1);
        return parts == null ? value : new SimpleKind.Contents(kind, shape, kinds, parts);
    }

    /**
     * Plans each of {@code values} and sets its kind in {@code kinds}.
     *
     * @return the planned values: {@code values} itself, or a copy when a list or record was
     *     planned; {@code null} when one is not simple
     */
    private static Object[] planAll(Object[] values, SimpleKind[] kinds, Connection connection, int depth) {
        Object[] parts = values;
        for (int i = 0; i < values.length; i++) {
            Object part = planned(values[i], connection, depth);
            if (part != values[i] && parts == values) {
                parts = values.clone();
            }
            parts[i] = part;
            kinds[i] = SimpleKind.of(part);
            if (kinds[i] == null) {
                return null;
            }
        }
        return parts;
    }

    /**
     * {@code value} as a plan holds it: a list of a {@link ListShape}'s class as {@link
     * SimpleKind.Listed}, a record with a codec and simple components as {@link
     * SimpleKind.Components}, a registered enum's constant as {@link SimpleKind.Constant}, anything
     * else as itself (which no kind takes when it is not simple).
     */
    private static Object planned(Object value, Connection connection, int depth) {
        if (value instanceof SharedBuffer) {
            connection.refuseSharedBufferWhenDisabled();
            return value;
        }
        if (value instanceof Enum<?> constant) {
            Long hash = connection.enums().hash(constant.getDeclaringClass());
            return hash == null ? value : new SimpleKind.Constant(hash, constant.name());
        }
        if (value instanceof EnumSet<?> set) {
            return enumSet(set, connection);
        }
        if (!(value instanceof Record record)) {
            return collection(value, connection, depth);
        }
        RecordCodecs.Entry entry = connection.records().forType(record.getClass());
        if (entry == null || depth >= RecordCodecs.MAX_DEPTH) {
            return value;
        }
        Object[] components = entry.codec().components(record);
        SimpleKind[] kinds = new SimpleKind[components.length];
        Object[] parts = planAll(components, kinds, connection, depth + 1);
        return parts == null ? value : new SimpleKind.Components(entry, kinds, parts);
    }

    /** Whether {@code value} is a call's argument list: an {@code Object[]} exactly, for a {@code String[]} is a value of its own. */
    private static boolean isArgumentList(Object value) {
        return value != null && value.getClass() == Object[].class;
    }

    /**
     * {@code set} as {@link SimpleKind.EnumSetOf} when its enum is one the connection knows; else
     * itself, for Fory. An empty set names no constant, so its class is read from its complement.
     */
    private static Object enumSet(EnumSet<?> set, Connection connection) {
        EnumSet<?> named = set.isEmpty() ? EnumSet.complementOf(set) : set;
        if (named.isEmpty()) {
            return set; // an enum without constants
        }
        Long hash = connection.enums().hash(named.iterator().next().getDeclaringClass());
        if (hash == null) {
            return set;
        }
        String[] names = new String[set.size()];
        int i = 0;
        for (Enum<?> constant : set) {
            names[i++] = constant.name();
        }
        return new SimpleKind.EnumSetOf(hash, names);
    }

    /**
     * Encodes a planned value after {@code prefix}: the parts to write in order, and the segment,
     * when {@code segment} names one of the value's arrays.
     */
    static List<ByteBuffer> encode(Plan plan, byte prefix, byte[] segment) {
        return encode(plan, prefix, segment, null).finish();
    }

    /**
     * {@link #encode(Plan, byte, byte[])}, starting in {@code spare} when it is not null; the
     * writer's {@link Writer#largest()} is the buffer to keep for the next encoding.
     */
    static Writer encode(Plan plan, byte prefix, byte[] segment, ByteBuffer spare) {
        Writer writer = new Writer(segment, spare);
        writer.head.put(prefix);
        if (isArgumentList(plan.value())) {
            Object[] arguments = (Object[]) plan.value();
            writer.ensure(5).put(SimpleKind.ARGUMENTS.code).putInt(arguments.length);
            for (int i = 0; i < arguments.length; i++) {
                plan.kinds()[i].write(writer, arguments[i]);
            }
        } else {
            plan.kinds()[0].write(writer, plan.value());
        }
        return writer;
    }

    /**
     * The largest {@code byte[]} in {@code value} of at least {@link #SEGMENT_MIN_BYTES}, to travel as
     * the frame's segment; {@code null} when there is none.
     */
    static byte[] segmentOf(Object value) {
        byte[] largest = null;
        if (value instanceof Object[] arguments) {
            for (Object argument : arguments) {
                if (argument instanceof byte[] bytes && (largest == null || bytes.length > largest.length)) {
                    largest = bytes;
                }
            }
        } else if (value instanceof byte[] bytes) {
            largest = bytes;
        }
        return largest != null && largest.length >= SEGMENT_MIN_BYTES ? largest : null;
    }

    /**
     * Decodes what {@link #encode} wrote after its prefix.
     *
     * @param segment the frame's segment, or {@code null}; it must be used exactly when it is there
     * @throws IllegalArgumentException when the bytes are not a simple value
     */
    static Object decode(ByteBuffer bytes, byte[] segment, Connection connection) {
        Reader reader = new Reader(bytes.slice().order(ByteOrder.LITTLE_ENDIAN), segment, connection);
        Object value = reader.root();
        if (reader.in.hasRemaining()) {
            throw new IllegalArgumentException(reader.in.remaining() + " bytes follow a simple value");
        }
        if (reader.segment != null) {
            throw new IllegalArgumentException(
                    "the frame carries a segment of " + segment.length + " bytes that its payload does not use");
        }
        return value;
    }

    /**
     * What encoding and decoding need of their connection.
     *
     * @param records the record codecs its interfaces listed
     * @param enums the application enums its interfaces listed
     * @param sharedMemoryDisabledReason {@code null} when shared buffers may cross it; otherwise the
     *     message that refuses them
     */
    record Connection(RecordCodecs records, RegisteredEnums enums, String sharedMemoryDisabledReason) {
        void refuseSharedBufferWhenDisabled() {
            if (sharedMemoryDisabledReason != null) {
                throw new IllegalArgumentException(sharedMemoryDisabledReason);
            }
        }
    }

    /** Reads values, and hands out the frame's segment once. */
    private static final class Reader {
        final ByteBuffer in;
        byte[] segment;
        private final Connection connection;
        /** How many records the value being read is within. */
        private int depth;

        Reader(ByteBuffer in, byte[] segment, Connection connection) {
            this.in = in;
            this.segment = segment;
            this.connection = connection;
        }

        Object root() {
            byte code = code();
            if (code != SimpleKind.ARGUMENTS.code) {
                return next(code);
            }
            int count = SimpleKind.count(in, 1);
            Object[] arguments = new Object[count];
            for (int i = 0; i < count; i++) {
                arguments[i] = next(code());
            }
            return arguments;
        }

        private byte code() {
            return SimpleKind.need(in, 1).get();
        }

        private Object next(byte code) {
            if (code == SimpleKind.RECORD.code) {
                return record();
            }
            if (code == SimpleKind.SHARED_BUFFER.code) {
                return sharedBuffer();
            }
            if (code == SimpleKind.ENUM.code) {
                return constant();
            }
            if (code == SimpleKind.LIST.code) {
                return list();
            }
            if (code == SimpleKind.CONTAINER.code) {
                return container();
            }
            if (code == SimpleKind.ENUM_SET.code) {
                return enumSet();
            }
            if (code != SimpleKind.SEGMENT_BYTES.code) {
                return SimpleKind.ofCode(code).read(in);
            }
            if (segment == null) {
                throw new IllegalArgumentException("a payload refers to a segment its frame does not carry");
            }
            byte[] bytes = segment;
            segment = null;
            return bytes;
        }

        /** An enum's constant, found by name in this side's version of the enum. */
        private Enum<?> constant() {
            EnumNames<?> names =
                    connection.enums().names(SimpleKind.need(in, Long.BYTES).getLong());
            return names.constant(name());
        }

        /** An enum constant's name, a string kind's value. */
        private String name() {
            return SimpleKind.readString(in, "an enum constant named by a value of kind");
        }

        /** An {@code EnumSet}, its constants found by name in this side's version of the enum. */
        private EnumSet<?> enumSet() {
            EnumNames<?> names =
                    connection.enums().names(SimpleKind.need(in, Long.BYTES).getLong());
            int count = SimpleKind.count(in, 1);
            List<String> constants = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                constants.add(name());
            }
            return names.setOf(constants);
        }

        /** A shared buffer's handle, mapped again once checked, where buffers may cross. */
        private SharedBuffer sharedBuffer() {
            byte[] path = new byte
                    [SharedBufferHandles.checkPathLength(
                            SimpleKind.need(in, Integer.BYTES).getInt())];
            SimpleKind.need(in, path.length + Long.BYTES + 1).get(path);
            long size = in.getLong();
            boolean readOnly = in.get() != 0;
            connection.refuseSharedBufferWhenDisabled();
            return SharedBufferHandles.attach(path, size, readOnly);
        }

        /** A record: its class and components checked against this side's codec, then built by it. */
        private Record record() {
            long nameHash = SimpleKind.need(in, Long.BYTES).getLong();
            int schemaHash = SimpleKind.need(in, Integer.BYTES).getInt();
            RecordCodecs.Entry entry = connection.records().forName(nameHash);
            if (entry == null) {
                throw new IllegalArgumentException("a record of a class this side has no codec for (its name hashes to "
                        + Long.toHexString(nameHash) + "): the two sides' interfaces must declare the same records;"
                        + " are they built from the same version of the interface?");
            }
            if (entry.schemaHash() != schemaHash) {
                throw new IllegalArgumentException(
                        "a record " + entry.codec().type().getName()
                                + " whose components differ from this side's " + entry.described()
                                + ": the two sides must use the same version of the record");
            }
            int count = SimpleKind.count(in, 1);
            if (count != entry.codec().schema().size()) {
                throw new IllegalArgumentException("a record " + entry.described() + " with " + count + " components");
            }
            enter();
            Object[] components = new Object[count];
            for (int i = 0; i < count; i++) {
                components[i] = next(code());
            }
            depth--;
            return create(entry, components);
        }

        /**
         * A list of any simple values. Of the unmodifiable ones only {@code Stream.toList()}'s hold
         * null, and a stream's {@code toList()} makes one of that class again; the lists of one
         * number kind, which never hold null, do not pay for that scan.
         */
        private List<Object> list() {
            ListShape shape = ListShape.read(in);
            ArrayList<Object> parts = parts(false);
            return shape == ListShape.UNMODIFIABLE && parts.contains(null)
                    ? parts.stream().toList()
                    : shape.finish(parts);
        }

        /** A map, a set or an {@code Optional}; an unmodifiable one cannot hold the null a writer may have sent. */
        private Object container() {
            ContainerShape shape = ContainerShape.read(in);
            ArrayList<Object> parts = parts(shape.isMap());
            try {
                return shape.finish(parts);
            } catch (NullPointerException e) {
                throw new IllegalArgumentException("an unmodifiable map or set holding null in a simple value", e);
            }
        }

        /** A collection's parts: its count, then each part; a map's count of keys and values is even. */
        private ArrayList<Object> parts(boolean pairs) {
            int count = SimpleKind.count(in, 1);
            if (pairs && count % 2 != 0) {
                throw new IllegalArgumentException("a map of " + count + " keys and values in a simple value");
            }
            enter();
            ArrayList<Object> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(next(code()));
            }
            depth--;
            return parts;
        }

        private void enter() {
            if (++depth > RecordCodecs.MAX_DEPTH) {
                throw new IllegalArgumentException("records and collections nested more than " + RecordCodecs.MAX_DEPTH
                        + " deep in a simple value");
            }
        }

        private static Record create(RecordCodecs.Entry entry, Object[] components) {
            try {
                return entry.codec().create(components);
            } catch (ClassCastException | NullPointerException e) {
                List<String> received = new ArrayList<>();
                for (Object component : components) {
                    received.add(
                            component == null ? "null" : component.getClass().getName());
                }
                throw new IllegalArgumentException(
                        "the components read for " + entry.described() + " do not fit it: " + received, e);
            }
        }
    }

    /** Collects the parts: small values in a growing head, large byte arrays as parts of their own. */
    static final class Writer {
        private final List<ByteBuffer> parts = new ArrayList<>(2);
        private ByteBuffer head;
        /** The largest buffer this writer wrote into: the one worth keeping for the next encoding. */
        private ByteBuffer largest;
        /** The array that goes as the frame's segment, until it is written. */
        private byte[] segment;

        Writer(byte[] segment, ByteBuffer spare) {
            this.segment = segment;
            this.head = spare != null ? spare : ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            this.largest = head;
        }

        /** A {@code byte[]}: as the segment when it is the one, else in the payload. */
        void bytes(byte[] bytes) {
            if (bytes == segment) {
                ensure(1).put(SimpleKind.SEGMENT_BYTES.code);
                segment = null;
                return;
            }
            ensure(5).put(SimpleKind.BYTES.code).putInt(bytes.length);
            if (bytes.length < OWN_PART_BYTES) {
                ensure(bytes.length).put(bytes);
                return;
            }
            // The caller's array itself: the frame writer copies it once, into the socket's buffer.
            parts.add(head.flip());
            parts.add(ByteBuffer.wrap(bytes));
            head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** The head, with room for {@code more} bytes. */
        ByteBuffer ensure(long more) {
            if (head.remaining() < more) {
                long needed = head.position() + more;
                if (needed > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("a value of " + needed + " bytes exceeds a frame's limit");
                }
                int capacity = (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, 2L * head.capacity()));
                head = ByteBuffer.allocate(capacity)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .put(head.flip());
                if (capacity > largest.capacity()) {
                    largest = head;
                }
            }
            return head;
        }

        /** {@return the largest buffer written into; once the parts are written, free for reuse} */
        ByteBuffer largest() {
            return largest;
        }

        List<ByteBuffer> finish() {
            if (head.position() > 0) {
                parts.add(head.flip());
            }
            return parts;
        }
    }

    /** {@return the parts' bytes in one array} */
    static byte[] join(List<ByteBuffer> parts) {
        int size = 0;
        for (ByteBuffer part : parts) {
            size += part.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer part : parts) {
            out.put(part.duplicate());
        }
        return out.array();
    }
}
