package dev.isolate4j.internal.serialization;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoding of the values most calls carry, without Fory: strings, boxed primitives, primitive
 * arrays, {@code ArrayList}s of one kind of boxed number, and argument lists ({@code Object[]}) of
 * all these.
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
 * count and the elements for an array or a list of numbers. Reading checks every length against the bytes left before
 * it allocates, and refuses an unknown kind by its number.
 */
final class SimpleValues {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte FLOAT = 5;
    private static final byte BOOLEAN = 6;
    private static final byte BYTES = 7;
    private static final byte INTS = 8;
    private static final byte LONGS = 9;
    private static final byte DOUBLES = 10;
    private static final byte ARGUMENTS = 11;
    /** A {@code byte[]} carried as the frame's segment (see {@code FrameFormat}), not in the payload. */
    private static final byte SEGMENT_BYTES = 12;
    /** A string whose characters all fit in one byte (ISO 8859-1): half the size of UTF-16. */
    private static final byte LATIN1_STRING = 13;
    /** An {@code ArrayList} of {@code Integer}s only, read back as one. */
    private static final byte INT_LIST = 14;
    /** An {@code ArrayList} of {@code Long}s only. */
    private static final byte LONG_LIST = 15;
    /** An {@code ArrayList} of {@code Double}s only (or an empty {@code ArrayList}). */
    private static final byte DOUBLE_LIST = 16;

    /** The smallest {@code byte[]} worth a segment: below it, the copy costs less than the bookkeeping. */
    static final int SEGMENT_MIN_BYTES = 64 << 10;

    /** A {@code byte[]} this large goes out as a part of its own, without a copy. */
    private static final int OWN_PART_BYTES = 4096;

    private SimpleValues() {}

    /** {@return whether {@code value} is encoded here rather than by Fory} */
    static boolean accepts(Object value) {
        if (value instanceof Object[] arguments) {
            if (arguments.getClass() != Object[].class) {
                return false;
            }
            for (Object argument : arguments) {
                if (!isSimple(argument)) {
                    return false;
                }
            }
            return true;
        }
        return isSimple(value);
    }

    private static boolean isSimple(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Float
                || value instanceof Boolean
                || value instanceof byte[]
                || value instanceof int[]
                || value instanceof long[]
                || value instanceof double[]
                || listKind(value) != 0;
    }

    /**
     * The kind of a list of numbers: {@code value} must be an {@code ArrayList} exactly, which is
     * what the reader makes of it again, of one of the boxed types; 0 for any other value.
     */
    private static byte listKind(Object value) {
        if (value == null || value.getClass() != ArrayList.class) {
            return 0;
        }
        ArrayList<?> list = (ArrayList<?>) value;
        if (list.isEmpty()) {
            return DOUBLE_LIST;
        }
        Object first = list.get(0);
        byte kind = first instanceof Integer
                ? INT_LIST
                : first instanceof Long ? LONG_LIST : first instanceof Double ? DOUBLE_LIST : 0;
        for (Object element : list) {
            if (kind == 0 || element == null || element.getClass() != first.getClass()) {
                return 0;
            }
        }
        return kind;
    }

    /**
     * Encodes an accepted value after {@code prefix}: the parts to write in order, and the segment,
     * when {@code segment} names one of the value's arrays.
     */
    static List<ByteBuffer> encode(Object value, byte prefix, byte[] segment) {
        Writer writer = new Writer(segment);
        writer.head.put(prefix);
        if (value instanceof Object[] arguments) {
            writer.ensure(5).put(ARGUMENTS).putInt(arguments.length);
            for (Object argument : arguments) {
                writer.value(argument);
            }
        } else {
            writer.value(value);
        }
        return writer.finish();
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
    static Object decode(ByteBuffer bytes, byte[] segment) {
        Reader reader = new Reader(bytes.slice().order(ByteOrder.LITTLE_ENDIAN), segment);
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

    /** Reads values, and hands out the frame's segment once. */
    private static final class Reader {
        final ByteBuffer in;
        byte[] segment;

        Reader(ByteBuffer in, byte[] segment) {
            this.in = in;
            this.segment = segment;
        }

        Object root() {
            byte kind = kind(in);
            if (kind != ARGUMENTS) {
                return next(kind);
            }
            int count = count(in, 1);
            Object[] arguments = new Object[count];
            for (int i = 0; i < count; i++) {
                arguments[i] = next(kind(in));
            }
            return arguments;
        }

        private Object next(byte kind) {
            if (kind != SEGMENT_BYTES) {
                return value(in, kind);
            }
            if (segment == null) {
                throw new IllegalArgumentException("a payload refers to a segment its frame does not carry");
            }
            byte[] bytes = segment;
            segment = null;
            return bytes;
        }
    }

    private static byte kind(ByteBuffer in) {
        need(in, 1);
        return in.get();
    }

    private static Object value(ByteBuffer in, byte kind) {
        switch (kind) {
            case NULL:
                return null;
            case LATIN1_STRING:
                byte[] latin1 = new byte[count(in, 1)];
                in.get(latin1);
                return new String(latin1, StandardCharsets.ISO_8859_1);
            case STRING:
                // UTF-16 code units, as the string holds them: lossless even for unpaired surrogates.
                int chars = count(in, Character.BYTES);
                String text = in.asCharBuffer().limit(chars).toString();
                in.position(in.position() + chars * Character.BYTES);
                return text;
            case INT:
                return need(in, Integer.BYTES).getInt();
            case LONG:
                return need(in, Long.BYTES).getLong();
            case DOUBLE:
                return need(in, Double.BYTES).getDouble();
            case FLOAT:
                return need(in, Float.BYTES).getFloat();
            case BOOLEAN:
                return need(in, 1).get() != 0;
            case BYTES:
                byte[] bytes = new byte[count(in, 1)];
                in.get(bytes);
                return bytes;
            case INTS:
                int[] ints = new int[count(in, Integer.BYTES)];
                in.asIntBuffer().get(ints);
                in.position(in.position() + ints.length * Integer.BYTES);
                return ints;
            case LONGS:
                long[] longs = new long[count(in, Long.BYTES)];
                in.asLongBuffer().get(longs);
                in.position(in.position() + longs.length * Long.BYTES);
                return longs;
            case DOUBLES:
                double[] doubles = new double[count(in, Double.BYTES)];
                in.asDoubleBuffer().get(doubles);
                in.position(in.position() + doubles.length * Double.BYTES);
                return doubles;
            case INT_LIST:
                return numbers(in, kind, Integer.BYTES);
            case LONG_LIST:
                return numbers(in, kind, Long.BYTES);
            case DOUBLE_LIST:
                return numbers(in, kind, Double.BYTES);
            default:
                throw new IllegalArgumentException(
                        "unknown simple value kind " + kind + "; accepted: " + NULL + ".." + DOUBLE_LIST);
        }
    }

    private static List<Object> numbers(ByteBuffer in, byte kind, int elementBytes) {
        int count = count(in, elementBytes);
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (kind == INT_LIST) {
                list.add(in.getInt());
            } else if (kind == LONG_LIST) {
                list.add(in.getLong());
            } else {
                list.add(in.getDouble());
            }
        }
        return list;
    }

    /** Reads a count of elements of {@code elementBytes} each, refused when the bytes left cannot hold them. */
    private static int count(ByteBuffer in, int elementBytes) {
        int count = need(in, Integer.BYTES).getInt();
        if (count < 0 || (long) count * elementBytes > in.remaining()) {
            throw new IllegalArgumentException("a simple value announces " + count + " elements of " + elementBytes
                    + " bytes, but " + in.remaining() + " bytes are left");
        }
        return count;
    }

    private static ByteBuffer need(ByteBuffer in, int bytes) {
        if (in.remaining() < bytes) {
            throw new IllegalArgumentException(
                    "a simple value ends after " + in.remaining() + " bytes, " + bytes + " expected");
        }
        return in;
    }

    /** Collects the parts: small values in a growing head, large byte arrays as parts of their own. */
    private static final class Writer {
        private final List<ByteBuffer> parts = new ArrayList<>(2);
        private ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        /** The array that goes as the frame's segment, until it is written. */
        private byte[] segment;

        Writer(byte[] segment) {
            this.segment = segment;
        }

        void value(Object value) {
            if (value == null) {
                ensure(1).put(NULL);
            } else if (value instanceof String text && isLatin1(text)) {
                byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
                ensure(5 + latin1.length)
                        .put(LATIN1_STRING)
                        .putInt(latin1.length)
                        .put(latin1);
            } else if (value instanceof String text) {
                ByteBuffer out = ensure(5 + (long) text.length() * Character.BYTES)
                        .put(STRING)
                        .putInt(text.length());
                out.asCharBuffer().put(text);
                out.position(out.position() + text.length() * Character.BYTES);
            } else if (value instanceof Integer number) {
                ensure(5).put(INT).putInt(number);
            } else if (value instanceof Long number) {
                ensure(9).put(LONG).putLong(number);
            } else if (value instanceof Double number) {
                ensure(9).put(DOUBLE).putDouble(number);
            } else if (value instanceof Float number) {
                ensure(5).put(FLOAT).putFloat(number);
            } else if (value instanceof Boolean flag) {
                ensure(2).put(BOOLEAN).put((byte) (flag ? 1 : 0));
            } else if (value instanceof byte[] bytes) {
                bytes(bytes);
            } else if (value instanceof int[] ints) {
                ByteBuffer out =
                        ensure(5 + (long) ints.length * Integer.BYTES).put(INTS).putInt(ints.length);
                out.asIntBuffer().put(ints);
                out.position(out.position() + ints.length * Integer.BYTES);
            } else if (value instanceof long[] longs) {
                ByteBuffer out =
                        ensure(5 + (long) longs.length * Long.BYTES).put(LONGS).putInt(longs.length);
                out.asLongBuffer().put(longs);
                out.position(out.position() + longs.length * Long.BYTES);
            } else if (value instanceof double[] doubles) {
                ByteBuffer out = ensure(5 + (long) doubles.length * Double.BYTES)
                        .put(DOUBLES)
                        .putInt(doubles.length);
                out.asDoubleBuffer().put(doubles);
                out.position(out.position() + doubles.length * Double.BYTES);
            } else if (value instanceof ArrayList<?> list) {
                numbers(list);
            } else {
                throw new IllegalArgumentException(
                        "not a simple value: " + value.getClass().getName());
            }
        }

        /** An accepted list of numbers: each element is of the kind's type. */
        private void numbers(ArrayList<?> list) {
            byte kind = listKind(list);
            if (kind == 0) {
                throw new IllegalArgumentException("a list changed while it was encoded: its elements are no longer"
                        + " all Integer, all Long or all Double");
            }
            int elementBytes = kind == INT_LIST ? Integer.BYTES : Long.BYTES; // a double is as long as a long
            ByteBuffer out =
                    ensure(5 + (long) list.size() * elementBytes).put(kind).putInt(list.size());
            for (Object element : list) {
                if (kind == INT_LIST) {
                    out.putInt((Integer) element);
                } else if (kind == LONG_LIST) {
                    out.putLong((Long) element);
                } else {
                    out.putDouble((Double) element);
                }
            }
        }

        private static boolean isLatin1(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xFF) {
                    return false;
                }
            }
            return true;
        }

        private void bytes(byte[] bytes) {
            if (bytes == segment) {
                ensure(1).put(SEGMENT_BYTES);
                segment = null;
                return;
            }
            ensure(5).put(BYTES).putInt(bytes.length);
            if (bytes.length < OWN_PART_BYTES) {
                ensure(bytes.length).put(bytes);
                return;
            }
            // The caller's array itself: the frame writer copies it once, into the socket's buffer.
            parts.add(head.flip());
            parts.add(ByteBuffer.wrap(bytes));
            head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        }

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
            }
            return head;
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
