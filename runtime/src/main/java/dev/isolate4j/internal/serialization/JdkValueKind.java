package dev.isolate4j.internal.serialization;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The JDK's value classes that {@link SimpleKind#JDK_VALUE} writes without Fory, by the numbers and
 * text that make them: {@code java.time}'s {@link Instant}, {@link Duration}, {@link LocalDate},
 * {@link LocalTime}, {@link LocalDateTime}, {@link OffsetDateTime}, {@link ZonedDateTime}, {@link
 * Period}, {@link YearMonth} and {@link ZoneOffset}, {@link
 * UUID}, {@link BigInteger}, {@link BigDecimal}, {@link URI} and {@link File}; and what {@code
 * SimpleKind} has no kind of its own for among the primitives: the boxes of {@code byte}, {@code
 * short} and {@code char}, and arrays of {@code float}, {@code short}, {@code char} and {@code
 * boolean}; and {@code String[]}. On the wire, each value is its kind's byte, then its numbers and text.
 *
 * <p>Why: interfaces pass these more than any other JDK class but the collections, and one of them
 * anywhere in an interface made its child build Fory, about 8 MiB of a child that is otherwise idle
 * and 0.4 s of a processor. Only these exact classes are taken: a subclass of {@code BigDecimal}
 * goes through Fory, which makes it again as itself.
 *
 * <p>A reader refuses what makes no value (a nanosecond past the second, a date past the year
 * 999,999,999, an offset past 18 hours, a zone it does not know, a URI that does not parse, a number
 * without bytes) with what it read and what it accepts.
 */
enum JdkValueKind {
    /** Seconds since the epoch, then nanoseconds. */
    INSTANT(0, Instant.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            Instant instant = (Instant) value;
            writeSecondsAndNanos(out, instant.getEpochSecond(), instant.getNano());
        }

        @Override
        Object read(ByteBuffer in) {
            long seconds = SimpleKind.need(in, 12).getLong();
            int nanos = nanos(in.getInt());
            return timeValue(() -> Instant.ofEpochSecond(seconds, nanos), seconds + " s and " + nanos + " ns");
        }
    },
    /** Seconds, then nanoseconds. */
    DURATION(1, Duration.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            Duration duration = (Duration) value;
            writeSecondsAndNanos(out, duration.getSeconds(), duration.getNano());
        }

        @Override
        Object read(ByteBuffer in) {
            return Duration.ofSeconds(SimpleKind.need(in, 12).getLong(), nanos(in.getInt()));
        }
    },
    /** Days since 1970-01-01. */
    LOCAL_DATE(2, LocalDate.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 8).putLong(((LocalDate) value).toEpochDay());
        }

        @Override
        Object read(ByteBuffer in) {
            long day = SimpleKind.need(in, 8).getLong();
            return timeValue(() -> LocalDate.ofEpochDay(day), "day " + day);
        }
    },
    /** Nanoseconds since midnight. */
    LOCAL_TIME(3, LocalTime.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 8).putLong(((LocalTime) value).toNanoOfDay());
        }

        @Override
        Object read(ByteBuffer in) {
            long nanos = SimpleKind.need(in, 8).getLong();
            return timeValue(() -> LocalTime.ofNanoOfDay(nanos), nanos + " ns into a day");
        }
    },
    /** Its date's days since 1970-01-01, then its time's nanoseconds since midnight. */
    LOCAL_DATE_TIME(4, LocalDateTime.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            writeLocal(out, 0, (LocalDateTime) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return readLocal(in, 0);
        }
    },
    /** Its most significant 64 bits, then the least. */
    UUID_VALUE(5, UUID.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            UUID uuid = (UUID) value;
            header(out, 16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        }

        @Override
        Object read(ByteBuffer in) {
            long most = SimpleKind.need(in, 16).getLong();
            return new UUID(most, in.getLong());
        }
    },
    /** Its two's-complement bytes, big-endian, as {@link BigInteger#toByteArray()} gives them. */
    BIG_INTEGER(6, BigInteger.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 0);
            writeNumber(out, (BigInteger) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return readNumber(in);
        }
    },
    /** Its scale, then its unscaled value as {@link #BIG_INTEGER} writes it. */
    BIG_DECIMAL(7, BigDecimal.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            BigDecimal decimal = (BigDecimal) value;
            header(out, 4).putInt(decimal.scale());
            writeNumber(out, decimal.unscaledValue());
        }

        @Override
        Object read(ByteBuffer in) {
            int scale = SimpleKind.need(in, 4).getInt();
            return new BigDecimal(readNumber(in), scale);
        }
    },
    /** A {@code byte} or {@code Byte}. */
    BYTE(8, Byte.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 1).put((Byte) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return SimpleKind.need(in, 1).get();
        }
    },
    /** A {@code short} or {@code Short}. */
    SHORT(9, Short.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 2).putShort((Short) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return SimpleKind.need(in, 2).getShort();
        }
    },
    /** A {@code char} or {@code Character}: one UTF-16 code unit, a lone surrogate too. */
    CHARACTER(10, Character.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 2).putChar((Character) value);
        }

        @Override
        Object read(ByteBuffer in) {
            return SimpleKind.need(in, 2).getChar();
        }
    },
    /** Its local date and time as {@link #LOCAL_DATE_TIME}'s, then its offset's seconds. */
    OFFSET_DATE_TIME(11, OffsetDateTime.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            OffsetDateTime dateTime = (OffsetDateTime) value;
            writeLocal(out, 4, dateTime.toLocalDateTime())
                    .putInt(dateTime.getOffset().getTotalSeconds());
        }

        @Override
        Object read(ByteBuffer in) {
            LocalDateTime local = readLocal(in, 4);
            int offset = in.getInt();
            return timeValue(
                    () -> OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offset)), local + " " + offset + " s");
        }
    },
    /**
     * Its local date and time as {@link #LOCAL_DATE_TIME}'s, its offset's seconds (which of two
     * times a clock shows twice), then its zone's id as text.
     */
    ZONED_DATE_TIME(12, ZonedDateTime.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            ZonedDateTime dateTime = (ZonedDateTime) value;
            writeLocal(out, 4, dateTime.toLocalDateTime())
                    .putInt(dateTime.getOffset().getTotalSeconds());
            SimpleKind.writeString(out, dateTime.getZone().getId());
        }

        @Override
        Object read(ByteBuffer in) {
            LocalDateTime local = readLocal(in, 4);
            int offset = in.getInt();
            String zone = readText(in);
            return timeValue(
                    () -> ZonedDateTime.ofLocal(local, ZoneId.of(zone), ZoneOffset.ofTotalSeconds(offset)),
                    local + " in zone '" + zone + "'");
        }
    },
    /** Its text. */
    URI_VALUE(13, URI.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 0);
            SimpleKind.writeString(out, value.toString());
        }

        @Override
        Object read(ByteBuffer in) {
            String text = readText(in);
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "a JDK value of the URI '" + text + "' does not parse: " + e.getMessage());
            }
        }
    },
    /** Its path as text: a path means the same on both sides of a host and its child. */
    FILE(14, File.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 0);
            SimpleKind.writeString(out, ((File) value).getPath());
        }

        @Override
        Object read(ByteBuffer in) {
            return new File(readText(in));
        }
    },
    /** A {@code float[]}: its count, then its elements (an embedding, say). */
    FLOATS(15, float[].class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            float[] floats = (float[]) value;
            ByteBuffer buffer = arrayHeader(out, floats.length, Float.BYTES);
            buffer.asFloatBuffer().put(floats);
            buffer.position(buffer.position() + floats.length * Float.BYTES);
        }

        @Override
        Object read(ByteBuffer in) {
            float[] floats = new float[SimpleKind.count(in, Float.BYTES)];
            in.asFloatBuffer().get(floats);
            in.position(in.position() + floats.length * Float.BYTES);
            return floats;
        }
    },
    /** A {@code short[]}: its count, then its elements. */
    SHORTS(16, short[].class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            short[] shorts = (short[]) value;
            ByteBuffer buffer = arrayHeader(out, shorts.length, Short.BYTES);
            buffer.asShortBuffer().put(shorts);
            buffer.position(buffer.position() + shorts.length * Short.BYTES);
        }

        @Override
        Object read(ByteBuffer in) {
            short[] shorts = new short[SimpleKind.count(in, Short.BYTES)];
            in.asShortBuffer().get(shorts);
            in.position(in.position() + shorts.length * Short.BYTES);
            return shorts;
        }
    },
    /** A {@code char[]}: its count, then its UTF-16 code units, lone surrogates too. */
    CHARS(17, char[].class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            char[] chars = (char[]) value;
            ByteBuffer buffer = arrayHeader(out, chars.length, Character.BYTES);
            buffer.asCharBuffer().put(chars);
            buffer.position(buffer.position() + chars.length * Character.BYTES);
        }

        @Override
        Object read(ByteBuffer in) {
            char[] chars = new char[SimpleKind.count(in, Character.BYTES)];
            in.asCharBuffer().get(chars);
            in.position(in.position() + chars.length * Character.BYTES);
            return chars;
        }
    },
    /** A {@code boolean[]}: its count, then a byte for each, 0 or 1. */
    BOOLEANS(18, boolean[].class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            boolean[] booleans = (boolean[]) value;
            ByteBuffer buffer = arrayHeader(out, booleans.length, 1);
            for (boolean b : booleans) {
                buffer.put((byte) (b ? 1 : 0));
            }
        }

        @Override
        Object read(ByteBuffer in) {
            boolean[] booleans = new boolean[SimpleKind.count(in, 1)];
            for (int i = 0; i < booleans.length; i++) {
                booleans[i] = in.get() != 0;
            }
            return booleans;
        }
    },
    /** A {@code String[]}: its count, then each element, a string kind's value or null's. */
    STRINGS(19, String[].class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            String[] strings = (String[]) value;
            arrayHeader(out, strings.length, 0);
            for (String string : strings) {
                if (string == null) {
                    out.ensure(1).put(SimpleKind.NULL.code);
                } else {
                    SimpleKind.writeString(out, string);
                }
            }
        }

        @Override
        Object read(ByteBuffer in) {
            // Each element takes a byte at least: a count the bytes left cannot hold is refused first.
            String[] strings = new String[SimpleKind.count(in, 1)];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = SimpleKind.need(in, 1).get(in.position()) == SimpleKind.NULL.code
                        ? nullElement(in)
                        : readText(in);
            }
            return strings;
        }
    },
    /** Its years, months and days. */
    PERIOD(20, Period.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            Period period = (Period) value;
            header(out, 12).putInt(period.getYears()).putInt(period.getMonths()).putInt(period.getDays());
        }

        @Override
        Object read(ByteBuffer in) {
            int years = SimpleKind.need(in, 12).getInt();
            return Period.of(years, in.getInt(), in.getInt());
        }
    },
    /** Its year and month. */
    YEAR_MONTH(21, YearMonth.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            YearMonth yearMonth = (YearMonth) value;
            header(out, 8).putInt(yearMonth.getYear()).putInt(yearMonth.getMonthValue());
        }

        @Override
        Object read(ByteBuffer in) {
            int year = SimpleKind.need(in, 8).getInt();
            int month = in.getInt();
            return timeValue(() -> YearMonth.of(year, month), "year " + year + " and month " + month);
        }
    },
    /** Its offset's seconds. */
    ZONE_OFFSET(22, ZoneOffset.class) {
        @Override
        void write(SimpleValues.Writer out, Object value) {
            header(out, 4).putInt(((ZoneOffset) value).getTotalSeconds());
        }

        @Override
        Object read(ByteBuffer in) {
            int seconds = SimpleKind.need(in, 4).getInt();
            return timeValue(() -> ZoneOffset.ofTotalSeconds(seconds), "an offset of " + seconds + " s");
        }
    };

    private static final Map<Class<?>, JdkValueKind> BY_CLASS = new HashMap<>();
    private static final JdkValueKind[] BY_CODE = values();

    static {
        for (JdkValueKind kind : values()) {
            BY_CLASS.put(kind.type, kind);
        }
    }

    /** The byte after {@link SimpleKind#JDK_VALUE}'s. */
    final byte code;

    private final Class<?> type;

    JdkValueKind(int code, Class<?> type) {
        this.code = (byte) code;
        this.type = type;
    }

    /** {@return the kind of {@code value}, or {@code null} when its class is none of these} */
    static JdkValueKind of(Object value) {
        return value == null ? null : BY_CLASS.get(value.getClass());
    }

    /**
     * The kind with {@code code}.
     *
     * @throws IllegalArgumentException when none has it
     */
    static JdkValueKind ofCode(byte code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException(
                    "unknown JDK value kind " + code + "; accepted: 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }

    /** Writes {@code value}, of this kind's class, after both kinds' bytes. */
    abstract void write(SimpleValues.Writer out, Object value);

    /** Reads a value of this kind, both kinds' bytes already read. */
    abstract Object read(ByteBuffer in);

    /** Writes both kinds' bytes; returns the buffer, with room for {@code bytes} more. */
    ByteBuffer header(SimpleValues.Writer out, int bytes) {
        return out.ensure(2L + bytes).put(SimpleKind.JDK_VALUE.code).put(code);
    }

    /** Writes both kinds' bytes and an array's count; returns the buffer, with room for its elements. */
    ByteBuffer arrayHeader(SimpleValues.Writer out, int count, int elementBytes) {
        return out.ensure(6L + (long) count * elementBytes)
                .put(SimpleKind.JDK_VALUE.code)
                .put(code)
                .putInt(count);
    }

    /**
     * Writes both kinds' bytes and {@code local}'s days and nanoseconds; returns the buffer, with
     * room for {@code more} bytes.
     */
    ByteBuffer writeLocal(SimpleValues.Writer out, int more, LocalDateTime local) {
        return header(out, 16 + more)
                .putLong(local.toLocalDate().toEpochDay())
                .putLong(local.toLocalTime().toNanoOfDay());
    }

    /** Reads what {@link #writeLocal} wrote, with {@code more} bytes after it. */
    private static LocalDateTime readLocal(ByteBuffer in, int more) {
        long day = SimpleKind.need(in, 16 + more).getLong();
        long nanos = in.getLong();
        return (LocalDateTime) timeValue(
                () -> LocalDateTime.of(LocalDate.ofEpochDay(day), LocalTime.ofNanoOfDay(nanos)),
                "day " + day + " and " + nanos + " ns into it");
    }

    /** Skips a null's code; returns null. */
    private static String nullElement(ByteBuffer in) {
        in.get();
        return null;
    }

    private static String readText(ByteBuffer in) {
        return SimpleKind.readString(in, "a JDK value's text given as a value of kind");
    }

    /** The numbers of an {@link #INSTANT} or a {@link #DURATION}, after both kinds' bytes. */
    void writeSecondsAndNanos(SimpleValues.Writer out, long seconds, int nanos) {
        header(out, 12).putLong(seconds).putInt(nanos);
    }

    private static int nanos(int nanos) {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException(
                    "a JDK value announces " + nanos + " ns past its second; accepted: 0..999999999");
        }
        return nanos;
    }

    /** Makes a {@code java.time} value, its range's refusal in isolate4j's words. */
    private static Object timeValue(Supplier<Object> factory, String read) {
        try {
            return factory.get();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "a JDK value of " + read + " is out of its class's range: " + e.getMessage());
        }
    }

    private static void writeNumber(SimpleValues.Writer out, BigInteger value) {
        byte[] bytes = value.toByteArray();
        out.ensure(4L + bytes.length).putInt(bytes.length).put(bytes);
    }

    private static BigInteger readNumber(ByteBuffer in) {
        int length = SimpleKind.count(in, 1);
        if (length == 0) {
            throw new IllegalArgumentException("a JDK value announces a number of 0 bytes; accepted: 1 or more");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new BigInteger(bytes);
    }
}
