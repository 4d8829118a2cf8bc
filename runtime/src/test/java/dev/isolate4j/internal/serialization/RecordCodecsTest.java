package dev.isolate4j.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.serialization.RecordValues.Alarm;
import dev.isolate4j.internal.serialization.RecordValues.Counted;
import dev.isolate4j.internal.serialization.RecordValues.Level;
import dev.isolate4j.internal.serialization.RecordValues.Loose;
import dev.isolate4j.internal.serialization.RecordValues.Point;
import dev.isolate4j.internal.serialization.RecordValues.Reading;
import dev.isolate4j.spi.RecordCodec;
import dev.isolate4j.spi.RemoteInterface;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Vector;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Records written by their generated codecs, without Fory, when their components are simple values;
 * through Fory otherwise; and what a reader refuses.
 */
class RecordCodecsTest {
    private static final byte FORY = 0;
    private static final byte SIMPLE = 1;

    private final RemoteInterface<RecordValues> descriptor = RemoteInterfaces.of(RecordValues.class);
    private final PayloadSerializer writer = registered(new PayloadSerializer());
    private final PayloadSerializer reader = registered(new PayloadSerializer());

    @Test
    void aRecordOfSimpleValuesCrossesWithoutForyIntactNestedRecordsAndListsOfStringsIncluded() {
        Reading first = new Reading("t1", 20.5, 1L, new int[] {1, 2}, List.of("a", "é", "日本"), null);
        Reading second = new Reading("t1", 21.0, 2L, new int[0], new ArrayList<>(List.of("b")), first);

        assertThat(format(second)).isEqualTo(SIMPLE);
        Reading back = (Reading) roundTrip(second);

        assertThat(back.sensor()).isEqualTo("t1");
        assertThat(back.value()).isEqualTo(21.0);
        assertThat(back.tags()).isInstanceOf(ArrayList.class);
        assertThat(back.tags()).containsExactly("b");
        assertThat(back.previous().samples()).isEqualTo(new int[] {1, 2});
        assertThat(back.previous().tags()).containsExactly("a", "é", "日本").inOrder();
        assertThat(back.previous().previous()).isNull();
        // List.of's list comes back unmodifiable, as Fory's copy of it did.
        assertThrows(
                UnsupportedOperationException.class,
                () -> back.previous().tags().add("c"));
    }

    @Test
    void recordsAmongArgumentsAndBoxedOrObjectComponentsCrossAsThemselves() {
        Object[] arguments = {new Loose(null, "text"), new Loose(7, 2.5), new Point(-1, 3), "plain"};

        assertThat(format(arguments)).isEqualTo(SIMPLE);

        assertThat((Object[]) roundTrip(arguments))
                .asList()
                .containsExactly(new Loose(null, "text"), new Loose(7, 2.5), new Point(-1, 3), "plain")
                .inOrder();
    }

    @Test
    void theInterfacesEnumsCrossWithoutForyByConstantNameInRecordsToo() {
        Object[] arguments = {new Alarm("smoke", Level.HIGH), Level.LOW, Level.HIGH};

        assertThat(format(arguments)).isEqualTo(SIMPLE);

        assertThat((Object[]) roundTrip(arguments))
                .asList()
                .containsExactly(new Alarm("smoke", Level.HIGH), Level.LOW, Level.HIGH)
                .inOrder();
    }

    @Test
    void theJdkEnumsTheInterfaceDeclaresCrossWithoutForyAndThroughIt() {
        Object[] arguments = {DayOfWeek.FRIDAY, TimeUnit.SECONDS, new Alarm("dawn", Level.LOW)};

        assertThat(format(arguments)).isEqualTo(SIMPLE);
        assertThat((Object[]) roundTrip(arguments))
                .asList()
                .containsExactly(DayOfWeek.FRIDAY, TimeUnit.SECONDS, new Alarm("dawn", Level.LOW))
                .inOrder();

        // Inside a value only Fory carries, they are registered classes there too, not refused.
        Vector<DayOfWeek> days = new Vector<>(List.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY));
        assertThat(format(days)).isEqualTo(FORY);
        assertThat(roundTrip(days)).isEqualTo(days);
    }

    @Test
    void enumSetsOfTheInterfacesAndTheJdksEnumsCrossWithoutForyEmptyOnesToo() {
        Object[] arguments = {
            EnumSet.of(Level.HIGH, Level.LOW),
            EnumSet.noneOf(Level.class),
            EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
            List.of(EnumSet.allOf(TimeUnit.class))
        };

        assertThat(format(arguments)).isEqualTo(SIMPLE);
        Object[] back = (Object[]) roundTrip(arguments);

        assertThat(back).asList().containsExactlyElementsIn(arguments).inOrder();
        assertThat(back[1]).isInstanceOf(EnumSet.class);
        // Its class came with it: a constant of its enum goes in, another enum's would not.
        @SuppressWarnings("unchecked")
        EnumSet<Level> empty = (EnumSet<Level>) back[1];
        empty.add(Level.LOW);
        assertThat(EnumSet.complementOf(empty)).containsExactly(Level.HIGH);
    }

    @Test
    void anEnumSetOfAnEnumTheConnectionDoesNotKnowGoesThroughForyAndBadOnesAreRefused() {
        EnumSet<RoundingMode> modes = EnumSet.of(RoundingMode.UP);

        // No interface of this connection declares RoundingMode: left to Fory, which refuses or carries it.
        RegisteredEnums known = new RegisteredEnums();
        known.register(descriptor.serializedTypes());
        assertThat(SimpleValues.plan(modes, new SimpleValues.Connection(new RecordCodecs(), known, null)))
                .isNull();
        assertThat(SimpleValues.plan(
                        EnumSet.of(Level.LOW), new SimpleValues.Connection(new RecordCodecs(), known, null)))
                .isNotNull();
        assertThat(refused(reader, new byte[] {SIMPLE, 24, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0}))
                .contains("a constant of an enum this side has not registered");
        ByteBuffer levels = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(SIMPLE)
                .put((byte) 24)
                .putLong(RecordCodecs.nameHash(Level.class.getName()))
                .putInt(1)
                .put((byte) 2);
        assertThat(refused(reader, Arrays.copyOf(levels.array(), levels.position())))
                .contains("an enum constant named by a value of kind 2");
    }

    @Test
    void aConstantTheReadersEnumLacksFailsTheValueWithBothVersionsNamed() {
        byte[] low = writer.serialize(Level.LOW);
        byte[] medium = Arrays.copyOf(low, low.length + 3);
        ByteBuffer bytes = ByteBuffer.wrap(medium).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(10); // format, kind, class hash, then the name's kind
        bytes.put(SimpleKind.LATIN1_STRING.code).putInt(6).put("MEDIUM".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(refused(reader, medium))
                .isEqualTo("the other side sent the constant MEDIUM of " + Level.class.getName()
                        + ", which this side's Level does not have (it has [LOW, high, with a body of its own]): the"
                        + " two sides were built from different versions of it; build both against the same version");
        assertThat(refused(new PayloadSerializer(), low))
                .contains("a constant of an enum this side has not registered");
    }

    @Test
    void aRecordWithAValueNoSimpleKindTakesCrossesThroughForyWhole() {
        TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(Map.of("x", 1, "y", 2));
        Counted counted = new Counted("n", reversed); // a comparator, which only Fory carries
        Loose holdingAList = new Loose(1, new Vector<>(List.of(1)));

        assertThat(format(counted)).isEqualTo(FORY);
        assertThat(format(holdingAList)).isEqualTo(FORY);
        assertThat(roundTrip(counted)).isEqualTo(counted);
        assertThat(roundTrip(holdingAList)).isEqualTo(holdingAList);
    }

    @Test
    void listsMapsAndSetsOfSimpleValuesCrossWithoutForyAsTheirOwnClasses() {
        Point point = new Point(1, 2);
        LinkedHashMap<String, Object> linked = new LinkedHashMap<>();
        linked.put("z", point);
        linked.put("a", List.of(Level.LOW, Level.HIGH));
        linked.put("m", null);
        LinkedHashSet<Object> linkedSet = new LinkedHashSet<>(List.of("z", "a", "m"));
        Object[] values = {
            new ArrayList<>(List.of(point, new Point(3, 4))),
            Arrays.asList(point, null, "mixed"),
            List.of(List.of("nested"), List.of(1.5)),
            new HashMap<>(Map.of(point, "a point as a key")),
            linked,
            Map.of("x", 1, "y", 2L),
            new HashSet<>(Set.of(Level.LOW)),
            linkedSet,
            Set.of(point),
            Map.of("one", 1),
            Stream.of("a", null).toList(),
            Optional.of(point),
            Optional.empty(),
            Optional.of(List.of(Optional.of("nested"))),
            new TreeMap<>(Map.of("b", point, "a", new Point(0, 0))),
            new TreeSet<>(Set.of(Level.HIGH, Level.LOW)),
            new LinkedList<>(List.of(point, "linked"))
        };

        assertThat(format(values)).isEqualTo(SIMPLE);
        Object[] back = (Object[]) roundTrip(values);

        assertThat(back).asList().containsExactlyElementsIn(values).inOrder();
        for (int i = 0; i < values.length; i++) {
            assertWithMessage("the class of value %s", i)
                    .that(unmodifiable(back[i].getClass()))
                    .isEqualTo(unmodifiable(values[i].getClass()));
        }
        assertThat(((Map<?, ?>) back[4]).keySet())
                .containsExactly("z", "a", "m")
                .inOrder();
        assertThat((Set<?>) back[7]).containsExactly("z", "a", "m").inOrder();
    }

    /** The JDK's unmodifiable collections as one class each: {@code Map.of}'s and {@code Map.copyOf}'s may differ by size. */
    private static Object unmodifiable(Class<?> type) {
        return type.getName().startsWith("java.util.ImmutableCollections$")
                ? type.getName().replaceAll("(List|Set|Map)(N|1|12)$", "$1")
                : type;
    }

    @Test
    void aReaderRefusesAMapWithAnOddCountAnUnmodifiableCollectionHoldingNullAndAnOptionalOfTwo() {
        assertThat(refused(reader, new byte[] {SIMPLE, 22, 0, 1, 0, 0, 0, 0}))
                .contains("a map of 1 keys and values in a simple value");
        assertThat(refused(reader, new byte[] {SIMPLE, 22, 2, 2, 0, 0, 0, 0, 0}))
                .contains("an unmodifiable map or set holding null in a simple value");
        assertThat(refused(reader, new byte[] {SIMPLE, 22, 9, 0, 0, 0, 0}))
                .contains("unknown map or set shape 9 in a simple value; accepted: 0..8");
        assertThat(refused(reader, new byte[] {SIMPLE, 22, 6, 2, 0, 0, 0, 2, 1, 0, 0, 0, 2, 2, 0, 0, 0}))
                .contains("an Optional of 2 values in a simple value; accepted: none or one");
        assertThat(refused(reader, new byte[] {SIMPLE, 22, 6, 1, 0, 0, 0, 0}))
                .contains("an Optional holding null in a simple value");
        assertThat(refused(reader, new byte[] {SIMPLE, 22, 8, 2, 0, 0, 0, 2, 1, 0, 0, 0, 3, 7, 0, 0, 0, 0, 0, 0, 0}))
                .contains("a sorted map or set in natural order holding null or values that do not compare");
    }

    @Test
    void aRecordThatNoDescriptorOfTheConnectionListsIsRefusedAsBefore() {
        record Undeclared(int n) {}

        // Left to Fory, which refuses what no interface of the connection declares, naming it.
        RuntimeException refused = assertThrows(RuntimeException.class, () -> writer.encode(new Undeclared(1), false));
        assertThat(refused)
                .hasMessageThat()
                .contains(Undeclared.class.getName() + " cannot cross the process boundary");
    }

    @Test
    void aReaderWhoseDescriptorHasNoCodecsReadsTheRecordsAllTheSame() {
        PayloadSerializer older = new PayloadSerializer();
        older.register(withoutCodecs(descriptor));
        Reading reading = new Reading("t", 1.5, 3L, new int[] {4}, List.of("x"), null);

        Reading back = (Reading) older.deserialize(ByteBuffer.wrap(writer.serialize(reading)));

        assertThat(back.sensor()).isEqualTo("t");
        assertThat(back.samples()).isEqualTo(new int[] {4});
        assertThat(back.tags()).containsExactly("x");
        // And it writes such records through Fory, which the newer side reads.
        assertThat(older.serialize(reading)[0]).isEqualTo(FORY);
        assertThat(((Reading) reader.deserialize(ByteBuffer.wrap(older.serialize(reading)))).at())
                .isEqualTo(3L);
    }

    @Test
    void aReaderRefusesARecordItDoesNotKnowOrKnowsWithOtherComponents() {
        byte[] point = writer.serialize(new Point(1, 2));
        PayloadSerializer stranger = new PayloadSerializer();

        assertThat(refused(stranger, point)).contains("a record of a class this side has no codec for");

        ByteBuffer changed = ByteBuffer.wrap(point.clone()).order(ByteOrder.LITTLE_ENDIAN);
        changed.putInt(10, changed.getInt(10) + 1); // the components' hash, after the format, kind and name
        assertThat(refused(reader, changed.array()))
                .contains("a record " + Point.class.getName() + " whose components differ from this side's "
                        + Point.class.getName() + "(int x, int y)");
    }

    @Test
    void aReaderRefusesComponentsThatDoNotFitTheRecordAndNamesThem() {
        byte[] point = writer.serialize(new Point(1, 2));
        ByteBuffer bytes = ByteBuffer.wrap(point.clone()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(18, SimpleKind.NULL.code); // the first component, an INT, becomes null...
        byte[] nulled = Arrays.copyOf(bytes.array(), 19 + 5); // ...and the second stays
        System.arraycopy(point, 23, nulled, 19, 5);

        assertThat(refused(reader, nulled))
                .contains("the components read for " + Point.class.getName() + "(int x, int y) do not fit it: [null,"
                        + " java.lang.Integer]");
    }

    @Test
    void aReaderRefusesRecordsNestedDeeperThanItsLimit() {
        Reading deep = null;
        for (int i = 0; i < 40; i++) {
            deep = new Reading("d" + i, i, i, null, null, deep);
        }
        // A writer nests no deeper than its reader reads: deeper values go through Fory.
        assertThat(format(deep)).isEqualTo(FORY);
        assertThat(((Reading) roundTrip(deep)).previous().sensor()).isEqualTo("d38");

        byte[] nested = nestedLooseRecords(RecordCodecs.MAX_DEPTH + 1);
        assertThat(refused(reader, nested)).contains("records and collections nested more than 32 deep");
    }

    @Test
    void aConnectionWhoseValuesAreAllSimpleNeverBuildsFory() throws Exception {
        PayloadSerializer simple = new PayloadSerializer(false, null);
        simple.register(RemoteInterfaces.of(SimpleValuesOnly.class));
        PayloadSerializer other = registered(new PayloadSerializer(false, null));

        simple.prebuildIfNeeded();
        other.prebuildIfNeeded();
        Reading reading = new Reading("t", 1, 2, new int[] {3}, List.of("x"), null);
        for (Object value : new Object[] {reading, new Object[] {"a", 1, List.of(1.5)}, new Point(1, 2)}) {
            simple.deserialize(ByteBuffer.wrap(simple.serialize(value)));
        }

        assertThat(RemoteInterfaces.of(SimpleValuesOnly.class).valuesNeedFory()).isFalse();
        assertThat(descriptor.valuesNeedFory()).isTrue(); // Counted holds a sorted map
        assertThat(simple.foryBuilt()).isFalse();
        assertThat(other.foryBuilt()).isTrue();
    }

    /** An interface whose values the runtime writes itself. */
    @dev.isolate4j.annotations.Callee
    public interface SimpleValuesOnly {
        Reading reading(Reading reading, Point point);

        List<Double> values(double[] raw, String name);
    }

    /** {@code depth} records of {@code Loose}, each holding the next as {@code anything}, by hand. */
    private byte[] nestedLooseRecords(int depth) {
        RecordCodecs.Entry loose = entry(Loose.class);
        ByteBuffer out = ByteBuffer.allocate(2 + depth * 19 + 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put(SIMPLE);
        for (int i = 0; i < depth; i++) {
            out.put(SimpleKind.RECORD.code)
                    .putLong(loose.nameHash())
                    .putInt(loose.schemaHash())
                    .putInt(2);
            out.put(SimpleKind.NULL.code);
        }
        out.put(SimpleKind.NULL.code);
        return Arrays.copyOf(out.array(), out.position());
    }

    private RecordCodecs.Entry entry(Class<?> type) {
        RecordCodecs codecs = new RecordCodecs();
        codecs.register(descriptor.recordCodecs());
        return codecs.forType(type);
    }

    private PayloadSerializer registered(PayloadSerializer serializer) {
        serializer.register(descriptor);
        return serializer;
    }

    private byte format(Object value) {
        return writer.encode(value, false).parts().get(0).get(0);
    }

    private Object roundTrip(Object value) {
        return reader.deserialize(ByteBuffer.wrap(writer.serialize(value)));
    }

    private static String refused(PayloadSerializer serializer, byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> serializer.deserialize(ByteBuffer.wrap(bytes)))
                .getMessage();
    }

    /** {@code descriptor} as a processor older than codecs generated it. */
    private static <T> RemoteInterface<T> withoutCodecs(RemoteInterface<T> descriptor) {
        return new RemoteInterface<>() {
            @Override
            public Class<T> type() {
                return descriptor.type();
            }

            @Override
            public String id() {
                return descriptor.id();
            }

            @Override
            public boolean singleton() {
                return descriptor.singleton();
            }

            @Override
            public List<dev.isolate4j.spi.MethodDescriptor> methods() {
                return descriptor.methods();
            }

            @Override
            public List<Class<?>> serializedTypes() {
                return descriptor.serializedTypes();
            }

            @Override
            public T newProxy(dev.isolate4j.spi.RemoteTarget target) {
                return descriptor.newProxy(target);
            }

            @Override
            public dev.isolate4j.spi.Dispatcher newDispatcher(T implementation) {
                return descriptor.newDispatcher(implementation);
            }

            @Override
            public List<RecordCodec<?>> recordCodecs() {
                return List.of();
            }
        };
    }
}
