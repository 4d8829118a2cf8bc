package dev.isolate4j.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JDK's value classes (and the boxes of byte, short and char) that cross without Fory: every value as itself, bad numbers refused. */
class JdkValueKindTest {
    private static final byte SIMPLE = 1;

    private final PayloadSerializer serializer = new PayloadSerializer();

    @Test
    void eachClassCrossesAsItselfWithoutForyAtItsExtremes() {
        List<Object> values = List.of(
                Instant.EPOCH,
                Instant.MIN,
                Instant.MAX,
                Instant.ofEpochSecond(-1, 999_999_999),
                Duration.ZERO,
                Duration.ofSeconds(Long.MIN_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                Duration.ofMillis(-1),
                LocalDate.MIN,
                LocalDate.MAX,
                LocalDate.of(2026, 12, 7),
                LocalTime.MIDNIGHT,
                LocalTime.MAX,
                LocalDateTime.MIN,
                LocalDateTime.MAX,
                LocalDateTime.of(2026, 12, 7, 17, 45, 1, 123_456_789),
                UUID.randomUUID(),
                new UUID(Long.MIN_VALUE, -1),
                BigInteger.ZERO,
                BigInteger.ONE.shiftLeft(1000).negate(),
                new BigDecimal("-12345678901234567890.000123"),
                new BigDecimal(BigInteger.TEN, -5),
                BigDecimal.ZERO.setScale(7),
                Byte.MIN_VALUE,
                (byte) -1,
                Short.MAX_VALUE,
                (short) -300,
                'é',
                '\uD83D', // half a surrogate pair, as a char may hold
                Character.MAX_VALUE,
                OffsetDateTime.of(2026, 12, 7, 18, 30, 0, 1, ZoneOffset.ofHoursMinutes(-9, -30)),
                OffsetDateTime.MIN,
                OffsetDateTime.MAX,
                ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
                // A time that a clock shows twice: the later offset must come back, not the earlier.
                ZonedDateTime.of(2026, 10, 25, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))
                        .withLaterOffsetAtOverlap(),
                ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("GMT+01:00")),
                URI.create("https://example.com/a%20b?q=\u00e9#frag"),
                URI.create("urn:isbn:0451450523"),
                new File("/tmp/a b/c\u00e9"),
                new File("relative"),
                Period.of(-1, 14, 400),
                Period.ZERO,
                YearMonth.of(2026, 12),
                YearMonth.of(-999_999_999, 1),
                ZoneOffset.ofHoursMinutes(-9, -30),
                ZoneOffset.MAX);

        for (Object value : values) {
            assertThat(format(value)).isEqualTo(SIMPLE);
            Object back = roundTrip(value);
            assertThat(back).isEqualTo(value);
            assertThat(back.getClass()).isEqualTo(value.getClass());
        }
        // Scale is part of a BigDecimal's value: 1.0 is not 1.00 to equals().
        assertThat(((BigDecimal) roundTrip(new BigDecimal("1.00"))).scale()).isEqualTo(2);
    }

    @Test
    void arraysOfTheOtherPrimitivesCrossWholeWithoutFory() {
        float[] embedding = new float[100_000];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (float) Math.sin(i) * 1e-3f;
        }
        embedding[1] = Float.NaN;
        embedding[2] = Float.NEGATIVE_INFINITY;
        embedding[3] = -0.0f;
        Object[] arguments = {
            embedding,
            new short[] {Short.MIN_VALUE, 0, -1},
            "p\u00e4ss\uD83D".toCharArray(),
            new boolean[] {true, false, true},
            new float[0]
        };

        assertThat(format(arguments)).isEqualTo(SIMPLE);
        Object[] back = (Object[]) roundTrip(arguments);

        assertThat(Arrays.equals((float[]) back[0], embedding)).isTrue(); // NaN and -0.0 by their bits
        assertThat((short[]) back[1]).isEqualTo(arguments[1]);
        assertThat((char[]) back[2]).isEqualTo(arguments[2]);
        assertThat((boolean[]) back[3]).isEqualTo(arguments[3]);
        assertThat((float[]) back[4]).isEmpty();

        String[] names = {"plain", null, "\u65e5\u672c", ""};
        assertThat(format(names)).isEqualTo(SIMPLE);
        assertThat((String[]) roundTrip(names))
                .asList()
                .containsExactly("plain", null, "\u65e5\u672c", "")
                .inOrder();
        assertThat(roundTrip(new String[0]).getClass()).isEqualTo(String[].class);
    }

    @Test
    void theyCrossInsideArgumentsListsMapsAndRecordsWithoutFory() {
        Map<UUID, Instant> seen = Map.of(new UUID(1, 2), Instant.ofEpochMilli(1_700_000_000_000L));
        List<Duration> waits = new ArrayList<>(List.of(Duration.ofSeconds(3), Duration.ofNanos(1)));
        Object[] arguments = {seen, waits, LocalDate.of(2000, 2, 29), new BigDecimal("9.99")};

        assertThat(format(arguments)).isEqualTo(SIMPLE);
        assertThat(roundTrip(arguments)).isEqualTo(arguments);
    }

    @Test
    void aSubclassOfBigDecimalIsLeftToFory() {
        BigDecimal money = new Money("12.50");

        // Fory makes it again as itself (where its class is registered); this kind would make a BigDecimal.
        assertThat(JdkValueKind.of(money)).isNull();
        assertThat(SimpleKind.of(money)).isNull();
    }

    @Test
    void numbersThatMakeNoValueAreRefusedWithWhatWasRead() {
        assertThat(refused(value(JdkValueKind.INSTANT).putLong(0).putInt(1_000_000_000)))
                .contains("announces 1000000000 ns past its second; accepted: 0..999999999");
        assertThat(refused(value(JdkValueKind.DURATION).putLong(0).putInt(-1)))
                .contains("announces -1 ns past its second");
        assertThat(refused(value(JdkValueKind.INSTANT).putLong(Long.MAX_VALUE).putInt(0)))
                .contains("a JDK value of 9223372036854775807 s and 0 ns is out of its class's range");
        assertThat(refused(value(JdkValueKind.LOCAL_DATE).putLong(Long.MAX_VALUE)))
                .contains("a JDK value of day 9223372036854775807 is out of its class's range");
        assertThat(refused(value(JdkValueKind.LOCAL_TIME).putLong(-1)))
                .contains("a JDK value of -1 ns into a day is out of its class's range");
        assertThat(refused(value(JdkValueKind.BIG_INTEGER).putInt(0)))
                .contains("a JDK value announces a number of 0 bytes; accepted: 1 or more");
        assertThat(refused(value(JdkValueKind.BIG_DECIMAL).putInt(2).putInt(5).put((byte) 1)))
                .contains("announces 5 elements of 1 bytes, but 1 bytes are left");
        assertThat(refused(value(JdkValueKind.UUID_VALUE).putLong(1)))
                .contains("a simple value ends after 8 bytes, 16 expected");
        assertThat(refused(value(JdkValueKind.FLOATS).putInt(3).putFloat(1f)))
                .contains("announces 3 elements of 4 bytes, but 4 bytes are left");
        assertThat(refused(value(JdkValueKind.BOOLEANS).putInt(-1))).contains("announces -1 elements of 1 bytes");
        assertThat(refused(value(JdkValueKind.STRINGS).putInt(2).put(SimpleKind.NULL.code)))
                .contains("announces 2 elements of 1 bytes, but 1 bytes are left");
        assertThat(refused(value(JdkValueKind.STRINGS)
                        .putInt(1)
                        .put(SimpleKind.INT.code)
                        .putInt(7)))
                .contains("a JDK value's text given as a value of kind 2");
        assertThat(refused(value(JdkValueKind.YEAR_MONTH).putInt(2026).putInt(13)))
                .contains("a JDK value of year 2026 and month 13 is out of its class's range");
        assertThat(refused(value(JdkValueKind.ZONE_OFFSET).putInt(-19 * 3600)))
                .contains("a JDK value of an offset of -68400 s is out of its class's range");
        assertThat(refused(value(JdkValueKind.CHARACTER).put((byte) 1)))
                .contains("a simple value ends after 1 bytes, 2 expected");
        assertThat(refused(value(JdkValueKind.OFFSET_DATE_TIME)
                        .putLong(0)
                        .putLong(0)
                        .putInt(19 * 3600)))
                .contains("is out of its class's range");
        ByteBuffer unknownZone =
                value(JdkValueKind.ZONED_DATE_TIME).putLong(0).putLong(0).putInt(0);
        unknownZone.put(SimpleKind.LATIN1_STRING.code).putInt(9).put("Mars/Base".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(refused(unknownZone)).contains("in zone 'Mars/Base' is out of its class's range");
        ByteBuffer badUri =
                value(JdkValueKind.URI_VALUE).put(SimpleKind.LATIN1_STRING.code).putInt(3);
        assertThat(refused(badUri.put("a b".getBytes(StandardCharsets.ISO_8859_1))))
                .contains("a JDK value of the URI 'a b' does not parse");
        assertThat(refused(value(JdkValueKind.FILE).put(SimpleKind.INT.code).putInt(1)))
                .contains("a JDK value's text given as a value of kind 2");
        assertThat(refused(ByteBuffer.allocate(3)
                        .put(SIMPLE)
                        .put(SimpleKind.JDK_VALUE.code)
                        .put((byte) 23)))
                .contains("unknown JDK value kind 23; accepted: 0..22");
    }

    /** A payload with one JDK value of {@code kind}, its numbers still to be put. */
    private static ByteBuffer value(JdkValueKind kind) {
        return ByteBuffer.allocate(64)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(SIMPLE)
                .put(SimpleKind.JDK_VALUE.code)
                .put(kind.code);
    }

    private byte format(Object value) {
        return serializer.encode(value, false).parts().get(0).get(0);
    }

    private Object roundTrip(Object value) {
        return serializer.deserialize(ByteBuffer.wrap(serializer.serialize(value)));
    }

    private String refused(ByteBuffer payload) {
        ByteBuffer bytes = payload.flip();
        return assertThrows(IllegalArgumentException.class, () -> serializer.deserialize(bytes))
                .getMessage();
    }

    /** An application's subclass, as some money libraries have. */
    static final class Money extends BigDecimal {
        private static final long serialVersionUID = 1L;

        Money(String value) {
            super(value);
        }
    }
}
