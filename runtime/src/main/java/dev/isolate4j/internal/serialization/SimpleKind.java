package dev.isolate4j.internal.serialization;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.internal.sharedmemory.SharedBufferHandles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of value {@link SimpleValues} encodes without Fory: one constant each, with its code on
 * the wire, which values it takes, and how it writes and reads them. Adding a kind is adding a
 * constant (and, when it must be tried before another, placing it in {@link #TRIED_IN_ORDER}).
 *
 * <p>Some codes are structure, read by {@code SimpleValues} rather than by their kind ({@link
 * #structure()}): {@link #ARGUMENTS} starts an argument list, {@link #SEGMENT_BYTES} stands for the
 * frame's segment, {@link #RECORD} starts a record's components and {@link #ENUM} an enum's
 * constant, which only a reader that knows the connection's codecs and enums can read, {@link
 * #SHARED_BUFFER} a buffer's handle, which only a connection that lets buffers cross maps, and
 * {@link #LIST} and {@link #CONTAINER} collections of any simple values, read part by part.
 */
enum SimpleKind {
    NULL(0) {
        @Override
        boolean takes(Object value) {
            return value == null;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            out.ensure(1).put(code);
        }

        @Override
        Object read(ByteBuffer in) {
            return null;
        }
    },
    /** UTF-16 code units, as the string holds them: lossless even for unpaired surrogates. */
    STRING(1) {
        @Override
        boolean takes(Object value) {
            return value instanceof String;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            String text = (String) value;
            ByteBuffer buffer = out.ensure(5 + (long) text.length() * Character.BYTES)
                    .put(code)
                    .putInt(text.length());
            buffer.asCharBuffer().put(text);
            buffer.position(buffer.position() + text.length() * Character.BYTES);
        }

        @Override
        Object read(ByteBuffer in) {
            int chars = count(in, Character.BYTES);
            String text = in.asCharBuffer().limit(chars).toString();
            in.position(in.position() + chars * Character.BYTES);
            return text;
        }
    },
    INT(2) {
        @Override
        boolean takes(Object value) {
            return value instanceof Integer;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            out.ensure(5).put(code).putInt((Integer) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return need(in, Integer.BYTES).getInt();
        }
    },
    LONG(3) {
        @Override
        boolean takes(Object value) {
            return value instanceof Long;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            out.ensure(9).put(code).putLong((Long) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return need(in, Long.BYTES).getLong();
        }
    },
    DOUBLE(4) {
        @Override
        boolean takes(Object value) {
            return value instanceof Double;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            out.ensure(9).put(code).putDouble((Double) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return need(in, Double.BYTES).getDouble();
        }
    },
    FLOAT(5) {
        @Override
        boolean takes(Object value) {
            return value instanceof Float;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            out.ensure(5).put(code).putFloat((Float) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return need(in, Float.BYTES).getFloat();
        }
    },
    BOOLEAN(6) {
        @Override
        boolean takes(Object value) {
            return value instanceof Boolean;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            out.ensure(2).put(code).put((byte) ((Boolean) value ? 1 : 0));
        }

        @Override
        Object read(ByteBuffer in) {
            return need(in, 1).get() != 0;
        }
    },
    /** A {@code byte[]} in the payload; a large one goes out as a part of its own, uncopied. */
    BYTES(7) {
        @Override
        boolean takes(Object value) {
            return value instanceof byte[];
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            out.bytes((byte[]) value);
        }

        @Override
        Object read(ByteBuffer in) {
            byte[] bytes = new byte[count(in, 1)];
            in.get(bytes);
            return bytes;
        }
    },
    INTS(8) {
        @Override
        boolean takes(Object value) {
            return value instanceof int[];
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            int[] ints = (int[]) value;
            ByteBuffer buffer =
                    out.ensure(5 + (long) ints.length * Integer.BYTES).put(code).putInt(ints.length);
            buffer.asIntBuffer().put(ints);
            buffer.position(buffer.position() + ints.length * Integer.BYTES);
        }

        @Override
        Object read(ByteBuffer in) {
            int[] ints = new int[count(in, Integer.BYTES)];
            in.asIntBuffer().get(ints);
            in.position(in.position() + ints.length * Integer.BYTES);
            return ints;
        }
    },
    LONGS(9) {
        @Override
        boolean takes(Object value) {
            return value instanceof long[];
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            long[] longs = (long[]) value;
            ByteBuffer buffer =
                    out.ensure(5 + (long) longs.length * Long.BYTES).put(code).putInt(longs.length);
            buffer.asLongBuffer().put(longs);
            buffer.position(buffer.position() + longs.length * Long.BYTES);
        }

        @Override
        Object read(ByteBuffer in) {
            long[] longs = new long[count(in, Long.BYTES)];
            in.asLongBuffer().get(longs);
            in.position(in.position() + longs.length * Long.BYTES);
            return longs;
        }
    },
    DOUBLES(10) {
        @Override
        boolean takes(Object value) {
            return value instanceof double[];
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            double[] doubles = (double[]) value;
            ByteBuffer buffer = out.ensure(5 + (long) doubles.length * Double.BYTES)
                    .put(code)
                    .putInt(doubles.length);
            buffer.asDoubleBuffer().put(doubles);
            buffer.position(buffer.position() + doubles.length * Double.BYTES);
        }

        @Override
        Object read(ByteBuffer in) {
            double[] doubles = new double[count(in, Double.BYTES)];
            in.asDoubleBuffer().get(doubles);
            in.position(in.position() + doubles.length * Double.BYTES);
            return doubles;
        }
    },
    /** Structure: an argument list ({@code Object[]}) follows, its count, then each argument. */
    ARGUMENTS(11),
    /** Structure: a {@code byte[]} carried as the frame's segment (see {@code FrameFormat}). */
    SEGMENT_BYTES(12),
    /** A string whose characters all fit in one byte (ISO 8859-1): half the size of UTF-16. */
    LATIN1_STRING(13) {
        @Override
        boolean takes(Object value) {
            if (!(value instanceof String text)) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xFF) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            byte[] latin1 = ((String) value).getBytes(StandardCharsets.ISO_8859_1);
            out.ensure(5 + latin1.length).put(code).putInt(latin1.length).put(latin1);
        }

        @Override
        Object read(ByteBuffer in) {
            byte[] latin1 = new byte[count(in, 1)];
            in.get(latin1);
            return new String(latin1, StandardCharsets.ISO_8859_1);
        }
    },
    /**
     * A list of {@code Integer}s only, of a {@link ListShape}'s class, read back as one of that
     * class.
     */
    INT_LIST(14) {
        @Override
        boolean takes(Object value) {
            return value instanceof Listed numbers && listKind(numbers) == this;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            Listed numbers = (Listed) value;
            ByteBuffer buffer = numbers.header(out, code, Integer.BYTES);
            for (Object element : numbers.elements()) {
                buffer.putInt((Integer) element);
            }
        }

        @Override
        Object read(ByteBuffer in) {
            ListShape shape = ListShape.read(in);
            int count = count(in, Integer.BYTES);
            ArrayList<Object> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(in.getInt());
            }
            return shape.finish(list);
        }
    },
    /** A list of {@code Long}s only, as {@link #INT_LIST}. */
    LONG_LIST(15) {
        @Override
        boolean takes(Object value) {
            return value instanceof Listed numbers && listKind(numbers) == this;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            Listed numbers = (Listed) value;
            ByteBuffer buffer = numbers.header(out, code, Long.BYTES);
            for (Object element : numbers.elements()) {
                buffer.putLong((Long) element);
            }
        }

        @Override
        Object read(ByteBuffer in) {
            ListShape shape = ListShape.read(in);
            int count = count(in, Long.BYTES);
            ArrayList<Object> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(in.getLong());
            }
            return shape.finish(list);
        }
    },
    /** A list of {@code Double}s only, or an empty list, as {@link #INT_LIST}. */
    DOUBLE_LIST(16) {
        @Override
        boolean takes(Object value) {
            return value instanceof Listed numbers && listKind(numbers) == this;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            Listed numbers = (Listed) value;
            ByteBuffer buffer = numbers.header(out, code, Double.BYTES);
            for (Object element : numbers.elements()) {
                buffer.putDouble((Double) element);
            }
        }

        @Override
        Object read(ByteBuffer in) {
            ListShape shape = ListShape.read(in);
            int count = count(in, Double.BYTES);
            ArrayList<Object> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(in.getDouble());
            }
            return shape.finish(list);
        }
    },
    /** A list of {@code String}s only, none null, as {@link #INT_LIST}; each string as its own kind. */
    STRING_LIST(17) {
        @Override
        boolean takes(Object value) {
            return value instanceof Listed listed && listKind(listed) == this;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            Listed listed = (Listed) value;
            listed.header(out, code, 0);
            for (Object element : listed.elements()) {
                writeString(out, (String) element);
            }
        }

        @Override
        Object read(ByteBuffer in) {
            ListShape shape = ListShape.read(in);
            int count = count(in, 5); // a kind and a length at least, each
            ArrayList<Object> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(readString(in, "a list of strings holds a value of kind"));
            }
            return shape.finish(list);
        }
    },
    /**
     * Structure: a {@code SharedBuffer}'s handle (its path's length and UTF-8 bytes, its size, and
     * whether it is read-only), written here, read by {@code SimpleValues}, which knows whether the
     * connection lets buffers cross.
     */
    SHARED_BUFFER(19) {
        @Override
        boolean takes(Object value) {
            return value instanceof SharedBuffer;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            SharedBuffer buffer = (SharedBuffer) value;
            byte[] path = SharedBufferHandles.path(buffer);
            out.ensure(14 + path.length)
                    .put(code)
                    .putInt(path.length)
                    .put(path)
                    .putLong(buffer.size())
                    .put((byte) (buffer.isReadOnly() ? 1 : 0));
        }
    },
    /**
     * Structure: an application enum's constant, as its class's {@link RecordCodecs#nameHash name
     * hash} and its name (a string kind's value); written from its {@link Constant}, read by {@code
     * SimpleValues}, which knows the connection's enums.
     */
    ENUM(20) {
        @Override
        boolean takes(Object value) {
            return value instanceof Constant;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            Constant constant = (Constant) value;
            out.ensure(9).put(code).putLong(constant.classHash());
            writeString(out, constant.name());
        }
    },
    /**
     * Structure: a list of a {@link ListShape}'s class whose elements are simple values of any kinds
     * (records, nulls, other lists): its shape, its count and each element with its kind; written from
     * its {@link Contents}, read by {@code SimpleValues}. Lists of one number kind or of strings have
     * kinds of their own.
     */
    LIST(21) {
        @Override
        boolean takes(Object value) {
            return value instanceof Contents contents && contents.kind() == this;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            ((Contents) value).write(out);
        }
    },
    /**
     * Structure: a map or a set of a {@link ContainerShape}'s class whose keys, values and elements
     * are simple values: its shape, its count of parts (a map's keys and values alternating) and
     * each part with its kind; written from its {@link Contents}, read by {@code SimpleValues}.
     */
    CONTAINER(22) {
        @Override
        boolean takes(Object value) {
            return value instanceof Contents contents && contents.kind() == this;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            ((Contents) value).write(out);
        }
    },
    /**
     * Structure: an {@code EnumSet} of an enum the connection knows, as its class's {@link
     * RecordCodecs#nameHash name hash}, the count of its constants and each one's name (a string
     * kind's value); written from its {@link EnumSetOf}, read by {@code SimpleValues}, which knows
     * the connection's enums. The class is written apart from the names because an empty set has
     * none to name it.
     */
    ENUM_SET(24) {
        @Override
        boolean takes(Object value) {
            return value instanceof EnumSetOf;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            EnumSetOf set = (EnumSetOf) value;
            out.ensure(13).put(code).putLong(set.classHash()).putInt(set.names().length);
            for (String name : set.names()) {
                writeString(out, name);
            }
        }
    },
    /**
     * A value of one of the JDK's classes that {@link JdkValueKind} lists ({@code java.time}'s
     * values, {@code UUID}, the big numbers, {@code URI}, {@code File}, the boxes and arrays of the
     * primitives that have no kind here, {@code String[]}): that kind's byte, then its numbers and
     * text.
     */
    JDK_VALUE(23) {
        @Override
        boolean takes(Object value) {
            return JdkValueKind.of(value) != null;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            JdkValueKind.of(value).write(out, value);
        }

        @Override
        Object read(ByteBuffer in) {
            return JdkValueKind.ofCode(need(in, 1).get()).read(in);
        }
    },
    /**
     * Structure: a record, as its class's {@link RecordCodecs name hash}, its components' hash, their
     * count and each component; written from its {@link Components}, read by {@code SimpleValues},
     * which knows the connection's codecs.
     */
    RECORD(18) {
        @Override
        boolean takes(Object value) {
            return value instanceof Components;
        }

        @Override
        void write(SimpleValues.Writer out, Object value) {
            Components record = (Components) value;
            out.ensure(17)
                    .put(code)
                    .putLong(record.entry().nameHash())
                    .putInt(record.entry().schemaHash())
                    .putInt(record.parts().length);
            for (int i = 0; i < record.parts().length; i++) {
                record.kinds()[i].write(out, record.parts()[i]);
            }
        }
    };

    /**
     * The value kinds in the order a value is matched against them: a Latin-1 string before any
     * string; a list of numbers or strings, planned as {@link Listed}, is not among them: its kind is
     * decided by one scan of it ({@link #listKind}), not one per list kind.
     */
    private static final SimpleKind[] TRIED_IN_ORDER = {
        NULL,
        LATIN1_STRING,
        STRING,
        INT,
        LONG,
        DOUBLE,
        FLOAT,
        BOOLEAN,
        BYTES,
        INTS,
        LONGS,
        DOUBLES,
        RECORD,
        SHARED_BUFFER,
        ENUM,
        LIST,
        CONTAINER,
        ENUM_SET,
        // Last: a value that reaches it is rarely one, and the kinds above stay as quick as before.
        JDK_VALUE
    };

    private static final SimpleKind[] BY_CODE = new SimpleKind[ENUM_SET.code + 1];

    static {
        for (SimpleKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    /** The byte on the wire. */
    final byte code;

    SimpleKind(int code) {
        this.code = (byte) code;
    }

    /** {@return the kind {@code value} is written as, or {@code null} when it is none: Fory's then} */
    static SimpleKind of(Object value) {
        if (value instanceof Listed numbers) {
            return listKind(numbers);
        }
        for (SimpleKind kind : TRIED_IN_ORDER) {
            if (kind.takes(value)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * The value kind with {@code code}.
     *
     * @throws IllegalArgumentException when no value kind has it
     */
    static SimpleKind ofCode(byte code) {
        SimpleKind kind = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (kind == null || kind.structure()) {
            throw new IllegalArgumentException(
                    "unknown simple value kind " + code + "; accepted: 0.." + (BY_CODE.length - 1));
        }
        return kind;
    }

    /** Whether only {@code SimpleValues} reads this code: it is no value of its own, or needs the connection. */
    boolean structure() {
        return this == ARGUMENTS
                || this == SEGMENT_BYTES
                || this == RECORD
                || this == SHARED_BUFFER
                || this == ENUM
                || this == LIST
                || this == CONTAINER
                || this == ENUM_SET;
    }

    /** Whether this kind takes {@code value}; the structure codes take none. */
    boolean takes(Object value) {
        return false;
    }

    /** Writes {@code value}, which this kind {@linkplain #takes takes}, code first. */
    void write(SimpleValues.Writer out, Object value) {
        throw new IllegalStateException(this + " is structure, not a value");
    }

    /** Reads a value of this kind, its code already read. */
    Object read(ByteBuffer in) {
        throw new IllegalStateException(this + " is structure, not a value");
    }

    /** The kind of a planned list: of one boxed type, or of strings, throughout; {@code null} otherwise. */
    private static SimpleKind listKind(Listed numbers) {
        Object[] elements = numbers.elements();
        if (elements.length == 0) {
            return DOUBLE_LIST;
        }
        Object first = elements[0];
        SimpleKind kind = first instanceof Integer
                ? INT_LIST
                : first instanceof Long
                        ? LONG_LIST
                        : first instanceof Double ? DOUBLE_LIST : first instanceof String ? STRING_LIST : null;
        for (Object element : elements) {
            if (kind == null || element == null || element.getClass() != first.getClass()) {
                return null;
            }
        }
        return kind;
    }

    /**
     * A list of a {@link ListShape}'s class (of numbers or strings, when its kind is one), as a plan
     * holds it: its shape, and its elements copied
     * out once, for both the scan that decides its kind and the write. Copied in one call: iterating
     * the list itself would make the loops' calls see every list class that crosses; once {@code
     * ArrayList}s and {@code List.of} lists both had, 100,000 {@code Double}s in an {@code ArrayList}
     * took 2.5-3 ms a call, not 1.1.
     *
     * @param shape the list's class, which the reader makes again
     * @param elements its elements
     */
    record Listed(ListShape shape, Object[] elements) {
        /** {@return {@code value} as {@code Listed} when it is a list of a shape's class, else itself} */
        static Object of(Object value) {
            ListShape shape = value == null ? null : ListShape.of(value);
            return shape == null ? value : new Listed(shape, ((List<?>) value).toArray());
        }

        /** Writes the kind, the shape and the count; returns the buffer, with room for the elements. */
        ByteBuffer header(SimpleValues.Writer out, byte kind, int elementBytes) {
            return out.ensure(6 + (long) elements.length * elementBytes)
                    .put(kind)
                    .put(shape.code)
                    .putInt(elements.length);
        }
    }

    /**
     * A record as a plan holds it: its codec's entry, and its components as planned, each with its
     * kind.
     *
     * @param entry the record's codec and hashes
     * @param kinds the kind of each component
     * @param parts the components, lists planned as {@link Listed} and records as {@code Components}
     */
    record Components(RecordCodecs.Entry entry, SimpleKind[] kinds, Object[] parts) {}

    /**
     * A list, map or set as a plan holds it: its kind, its shape's byte, and its parts (a map's keys
     * and values alternating) as planned, each with its kind.
     *
     * @param kind {@link #LIST} or {@link #CONTAINER}
     * @param shape the {@link ListShape} or {@link ContainerShape} code
     * @param kinds the kind of each part
     * @param parts the parts, planned
     */
    record Contents(SimpleKind kind, byte shape, SimpleKind[] kinds, Object[] parts) {
        void write(SimpleValues.Writer out) {
            out.ensure(6).put(kind.code).put(shape).putInt(parts.length);
            for (int i = 0; i < parts.length; i++) {
                kinds[i].write(out, parts[i]);
            }
        }
    }

    /**
     * An {@code EnumSet} as a plan holds it.
     *
     * @param classHash the hash of its enum class's name
     * @param names its constants' names
     */
    record EnumSetOf(long classHash, String[] names) {}

    /**
     * An application enum's constant as a plan holds it.
     *
     * @param classHash the hash of its enum class's name
     * @param name the constant's name
     */
    record Constant(long classHash, String name) {}

    /** Writes {@code text} as the string kind that takes it, code first: Latin-1 when it can be. */
    static void writeString(SimpleValues.Writer out, String text) {
        (LATIN1_STRING.takes(text) ? LATIN1_STRING : STRING).write(out, text);
    }

    /**
     * Reads a string as {@link #writeString} wrote it, code first.
     *
     * @param refusal the start of the message that refuses another kind, which its code ends
     * @throws IllegalArgumentException when the value is of another kind
     */
    static String readString(ByteBuffer in, String refusal) {
        byte kind = need(in, 1).get();
        if (kind != STRING.code && kind != LATIN1_STRING.code) {
            throw new IllegalArgumentException(refusal + " " + kind);
        }
        return (String) ofCode(kind).read(in);
    }

    /** Reads a count of elements of {@code elementBytes} each, refused when the bytes left cannot hold them. */
    static int count(ByteBuffer in, int elementBytes) {
        int count = need(in, Integer.BYTES).getInt();
        if (count < 0 || (long) count * elementBytes > in.remaining()) {
            throw new IllegalArgumentException("a simple value announces " + count + " elements of " + elementBytes
                    + " bytes, but " + in.remaining() + " bytes are left");
        }
        return count;
    }

    static ByteBuffer need(ByteBuffer in, int bytes) {
        if (in.remaining() < bytes) {
            throw new IllegalArgumentException(
                    "a simple value ends after " + in.remaining() + " bytes, " + bytes + " expected");
        }
        return in;
    }
}
