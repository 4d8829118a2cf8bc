package dev.isolate4j.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.SharedBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Vector;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** Payloads as they cross: simple values without Fory, the rest with it, and bad bytes refused. */
class PayloadSerializerTest {
    private final PayloadSerializer serializer = new PayloadSerializer();

    @Test
    void simpleArgumentListsCrossIntact() {
        byte[] bytes = new byte[100_000];
        new Random(1).nextBytes(bytes);
        Object[] arguments = {
            null, "héllo", 42, 7L, 2.5, 1.5f, true, bytes, new int[] {1, -2}, new long[] {3L}, new double[] {0.5, -1}
        };

        Object back = roundTrip(arguments);

        assertThat(back).isInstanceOf(Object[].class);
        Object[] values = (Object[]) back;
        assertThat(values).hasLength(arguments.length);
        assertThat(values[0]).isNull();
        assertThat(values[1]).isEqualTo("héllo");
        assertThat(values[2]).isEqualTo(42);
        assertThat(values[3]).isEqualTo(7L);
        assertThat(values[4]).isEqualTo(2.5);
        assertThat(values[5]).isEqualTo(1.5f);
        assertThat(values[6]).isEqualTo(true);
        assertThat((byte[]) values[7]).isEqualTo(bytes);
        assertThat((int[]) values[8]).isEqualTo(new int[] {1, -2});
        assertThat((long[]) values[9]).isEqualTo(new long[] {3L});
        assertThat((double[]) values[10])
                .usingExactEquality()
                .containsExactly(0.5, -1.0)
                .inOrder();
    }

    @Test
    void stringsCrossUnchangedEvenWithUnpairedSurrogates() {
        String broken = "half an emoji: \uD83D and a lone low \uDE00";

        assertThat(roundTrip(broken)).isEqualTo(broken);
        assertThat(roundTrip(new Object[] {"", "ascii", "café", "日本語"}))
                .isEqualTo(new Object[] {"", "ascii", "café", "日本語"});
    }

    @Test
    void aLargeByteArrayIsSentFromTheCallersArrayWithoutACopy() {
        byte[] bytes = new byte[1 << 20];

        PayloadSerializer.Payload payload = serializer.encode(new Object[] {"name", bytes}, false);

        // It travels as the frame's segment, which the receiver reads into the array it hands on.
        assertThat(payload.segment()).isSameInstanceAs(bytes);
        Object[] back = (Object[]) serializer.deserialize(ByteBuffer.wrap(SimpleValues.join(payload.parts())), bytes);
        assertThat(back[0]).isEqualTo("name");
        assertThat(back[1]).isSameInstanceAs(bytes);
    }

    /**
     * A frame written at once is encoded into the connection's spare buffer, and the next one into
     * the same buffer once the first is written; a payload not yet written keeps its bytes, the next
     * encoding taking a buffer of its own.
     */
    @Test
    void aPayloadWrittenAtOnceLendsItsBufferToTheNextOnlyOnceWritten() {
        double[] first = DoubleStream.iterate(0.5, d -> d + 1).limit(100_000).toArray();
        double[] second = DoubleStream.iterate(-0.25, d -> d - 2).limit(100_000).toArray();

        PayloadSerializer.Payload written = serializer.encodeToWrite(new Object[] {first}, false);
        serializer.written(written);
        PayloadSerializer.Payload reused = serializer.encodeToWrite(new Object[] {second}, false);
        PayloadSerializer.Payload whileLent = serializer.encodeToWrite(new Object[] {first}, false);

        assertThat(written.lent()).isNotNull();
        assertThat(reused.lent()).isSameInstanceAs(written.lent());
        assertThat(reused.parts().stream().anyMatch(part -> part == reused.lent()))
                .isTrue(); // the bytes are written into the lent buffer, not a copy
        assertThat(whileLent.lent()).isNotSameInstanceAs(reused.lent());
        assertThat((double[]) ((Object[]) decode(reused))[0])
                .usingExactEquality()
                .containsExactly(second)
                .inOrder();
        assertThat((double[]) ((Object[]) decode(whileLent))[0])
                .usingExactEquality()
                .containsExactly(first)
                .inOrder();
    }

    @Test
    void aPayloadThatWaitsToBeWrittenBorrowsNothing() {
        PayloadSerializer.Payload written = serializer.encodeToWrite(new Object[] {new double[100_000]}, false);
        serializer.written(written);

        PayloadSerializer.Payload item = serializer.encode(new Object[] {new double[100_000]}, false);

        assertThat(item.lent()).isNull();
        assertThat(serializer.encodeToWrite("x", false).lent()).isSameInstanceAs(written.lent());
    }

    @Test
    void aBufferLargerThanTheKeptSizeIsNotKept() {
        PayloadSerializer.Payload large =
                serializer.encodeToWrite(new Object[] {new long[EncodeBuffer.KEPT_UP_TO / Long.BYTES]}, false);
        serializer.written(large);

        assertThat(serializer.encodeToWrite("x", false).lent()).isNotSameInstanceAs(large.lent());
    }

    @Test
    void arrayListsOfOneKindOfNumberCrossWithoutFory() {
        ArrayList<Double> doubles = new ArrayList<>(List.of(0.5, -1.0, Double.NaN));
        ArrayList<Integer> ints = new ArrayList<>(List.of(1, -2, Integer.MAX_VALUE));
        ArrayList<Long> longs = new ArrayList<>(List.of(3L, Long.MIN_VALUE));
        Object[] arguments = {doubles, ints, longs, new ArrayList<>()};

        Object[] back = (Object[]) roundTrip(arguments);

        assertThat(back).isEqualTo(arguments);
        for (Object list : back) {
            assertThat(list).isInstanceOf(ArrayList.class);
        }
        assertThat(format(arguments)).isEqualTo((byte) 1);
    }

    /** Where modern code keeps its numbers: each crosses without Fory and comes back of its own class. */
    @Test
    void asListAndUnmodifiableListsOfNumbersCrossWithoutForyAsTheirOwnKind() {
        List<Double> asList = Arrays.asList(0.5, -1.0, Double.NaN);
        List<Integer> listOf = List.of(1, 2, 3, 4);
        List<Long> listOfTwo = List.of(3L, Long.MIN_VALUE);
        List<Double> streamed = DoubleStream.of(1.5, 2.5, 3.5).boxed().toList();
        List<Integer> empty = List.of();
        Object[] arguments = {asList, listOf, listOfTwo, streamed, empty, Arrays.asList()};

        Object[] back = (Object[]) roundTrip(arguments);

        assertThat(format(arguments)).isEqualTo((byte) 1);
        assertThat(back).isEqualTo(arguments);
        for (int i = 0; i < back.length; i++) {
            assertThat(back[i].getClass()).isEqualTo(arguments[i].getClass());
        }
        List<?> readAsList = (List<?>) back[0];
        assertThrows(UnsupportedOperationException.class, () -> readAsList.add(null));
        assertThat(readAsList.set(0, null)).isEqualTo(0.5); // fixed-size, not unmodifiable
        List<?> readListOf = (List<?>) back[1];
        assertThrows(UnsupportedOperationException.class, () -> readListOf.set(0, null));
    }

    @Test
    void listsOfMixedKindsCrossWithoutForyEachElementAsItsKindAndOtherListClassesThroughFory() {
        List<Object> mixed = new ArrayList<>(List.of(1, 2L));
        List<Integer> withNull = new ArrayList<>(Arrays.asList(1, null));
        List<Double> vector = new Vector<>(List.of(1.5));

        for (Object list : List.of(mixed, withNull)) {
            Object[] arguments = {list};
            assertThat(format(arguments)).isEqualTo((byte) 1);
            assertThat(roundTrip(arguments)).isEqualTo(arguments);
        }
        Object[] arguments = {vector};
        assertThat(format(arguments)).isEqualTo((byte) 0);
        assertThat(roundTrip(arguments)).isEqualTo(arguments);
    }

    @Test
    void otherValuesGoThroughFory() {
        Object[] nested = {new Object[] {"inner"}, List.of("a", "b")}; // an array of objects: Fory's

        Object[] back = (Object[]) roundTrip(nested);

        assertThat((Object[]) back[0]).asList().containsExactly("inner");
        assertThat(back[1]).isEqualTo(List.of("a", "b"));
        assertThat(serializer.encode(nested, false).parts().get(0).get(0)).isEqualTo((byte) 0);
    }

    @Test
    void badSimpleBytesAreRefusedWithWhatWasWrong() {
        assertThat(refused(new byte[] {})).contains("empty payload");
        assertThat(refused(new byte[] {9})).contains("unknown payload format 9; accepted: 0 (Fory), 1 (simple)");
        assertThat(refused(new byte[] {1, 42})).contains("unknown simple value kind 42");
        assertThat(refused(new byte[] {1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}))
                .contains("announces 2147483647 elements of 2 bytes, but 0 bytes are left");
        assertThat(refused(new byte[] {1, 13, 5, 0, 0, 0, 'a'}))
                .contains("announces 5 elements of 1 bytes, but 1 bytes are left");
        assertThat(refused(new byte[] {1, 10, 2, 0, 0, 0, 1, 2, 3}))
                .contains("announces 2 elements of 8 bytes, but 3 bytes are left");
        assertThat(refused(new byte[] {1, 3, 1, 2})).contains("a simple value ends after 2 bytes, 8 expected");
        assertThat(refused(new byte[] {1, 0, 0})).contains("1 bytes follow a simple value");
        assertThat(refused(new byte[] {1, 16, 0, 2, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}))
                .contains("announces 2 elements of 8 bytes, but 8 bytes are left");
        assertThat(refused(new byte[] {1, 25})).contains("unknown simple value kind 25; accepted: 0..24");
        assertThat(refused(new byte[] {1, 20, 1, 2, 3, 4, 5, 6, 7, 8}))
                .contains("a constant of an enum this side has not registered (its name hashes to 807060504030201)");
        assertThat(refused(new byte[] {1, 19, 0, 0, 0, 0})).contains("shared buffer handle with a path of 0 bytes");
        assertThat(refused(new byte[] {1, 19, 9, 0, 0, 0, 'x'}))
                .contains("a simple value ends after 1 bytes, 18 expected");
        assertThat(refused(new byte[] {1, 17, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0}))
                .contains("a list of strings holds a value of kind 2");
        assertThat(refused(new byte[] {1, 16, 9, 0, 0, 0, 0}))
                .contains("unknown list shape 9 in a simple value; accepted: 0..3");
        assertThat(refused(new byte[] {1, 14})).contains("a simple value ends after 0 bytes, 1 expected");
    }

    @Test
    void aSharedBufferCrossesAsItsHandleWithoutForyAndMapsTheSameMemory() {
        PayloadSerializer enabled = new PayloadSerializer(false, null);
        try (SharedBuffer buffer = SharedBuffer.allocate(1 << 20)) {
            buffer.putLong(8, 42L);

            PayloadSerializer.Payload payload = enabled.encode(new Object[] {buffer, 8L}, false);
            Object[] back = (Object[])
                    enabled.deserialize(ByteBuffer.wrap(SimpleValues.join(payload.parts())), payload.segment());

            assertThat(payload.parts().get(0).get(0)).isEqualTo((byte) 1); // simple, not Fory
            try (SharedBuffer mapped = (SharedBuffer) back[0]) {
                assertThat(mapped.size()).isEqualTo(1 << 20);
                assertThat(mapped.getLong(8)).isEqualTo(42L);
                mapped.putLong(16, 7L);
                assertThat(buffer.getLong(16)).isEqualTo(7L);
            }
        }
    }

    @Test
    void aSharedBufferIsRefusedWithTheReasonWhereBuffersMayNotCross() {
        PayloadSerializer enabled = new PayloadSerializer(false, null);
        try (SharedBuffer buffer = SharedBuffer.allocate(4096)) {
            byte[] handle = enabled.serialize(buffer);

            assertThat(assertThrows(IllegalArgumentException.class, () -> serializer.encode(buffer, false)))
                    .hasMessageThat()
                    .isEqualTo("shared buffers are not enabled on this connection");
            assertThat(refused(handle)).isEqualTo("shared buffers are not enabled on this connection");
        }
    }

    private byte format(Object value) {
        return serializer.encode(value, false).parts().get(0).get(0);
    }

    private Object decode(PayloadSerializer.Payload payload) {
        return serializer.deserialize(ByteBuffer.wrap(SimpleValues.join(payload.parts())), payload.segment());
    }

    private Object roundTrip(Object value) {
        return serializer.deserialize(ByteBuffer.wrap(serializer.serialize(value)));
    }

    private String refused(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> serializer.deserialize(ByteBuffer.wrap(bytes)))
                .getMessage();
    }
}
