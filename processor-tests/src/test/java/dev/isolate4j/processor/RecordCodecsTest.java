package dev.isolate4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.isolate4j.processor.roundtrip.Catalog.Item;
import dev.isolate4j.processor.roundtrip.Catalog.Shelf;
import dev.isolate4j.processor.roundtrip.Catalog_Descriptor;
import dev.isolate4j.spi.RecordCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record codecs a descriptor nests: which records get one, and what the generated code does. */
class RecordCodecsTest {
    private final Catalog_Descriptor descriptor = new Catalog_Descriptor();

    @Test
    void everyNonGenericRecordTheValuesReachGetsACodecWithItsComponents() {
        List<String> types = descriptor.recordCodecs().stream()
                .map(codec -> codec.type().getName())
                .toList();

        assertThat(types)
                .containsExactly(Item.class.getName(), Shelf.class.getName())
                .inOrder();
        assertThat(codec(Item.class).schema())
                .containsExactly(
                        "java.lang.String id",
                        "int count",
                        "double[] prices",
                        "java.util.List tags",
                        "dev.isolate4j.processor.roundtrip.Catalog.Shelf shelf")
                .inOrder();
        assertThat(codec(Shelf.class).schema())
                .containsExactly("char row", "java.lang.Object label")
                .inOrder();
    }

    @Test
    void aCodecTakesARecordApartAndBuildsItAgainFromItsComponents() {
        Item item = new Item("a", 3, new double[] {1.5}, List.of("x"), new Shelf('B', 7));
        RecordCodec<Item> codec = codec(Item.class);

        Object[] components = codec.components(item);

        assertThat(components)
                .asList()
                .containsExactly("a", 3, item.prices(), List.of("x"), item.shelf())
                .inOrder();
        assertThat(codec.create(components)).isEqualTo(item);
    }

    @Test
    void aCodecRefusesValuesOfTheWrongTypeAndNullForAPrimitive() {
        RecordCodec<Shelf> codec = codec(Shelf.class);

        assertThrows(ClassCastException.class, () -> codec.create(new Object[] {"B", 7}));
        assertThrows(NullPointerException.class, () -> codec.create(new Object[] {null, 7}));
    }

    @Test
    void codecsOfRecordsSharingASimpleNameGetNamesOfTheirOwn() {
        Compilation compilation = Compilations.compile(
                source("Lookup", """
                        @Callee
                        public interface Lookup {
                            Entry find(other.Entry key);
                        }
                        """),
                source("Entry", """
                        public record Entry(String value) {}
                        """),
                com.google.testing.compile.JavaFileObjects.forSourceString("other.Entry", """
                        package other;

                        public record Entry(String key) {}
                        """));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.Lookup_Descriptor")
                .contentsAsUtf8String()
                .contains("RECORD_CODECS = List.of(new EntryCodec(), new EntryCodec2());");
    }

    @SuppressWarnings("unchecked") // the codec of a record class is that class's
    private <R extends Record> RecordCodec<R> codec(Class<R> type) {
        return (RecordCodec<R>) descriptor.recordCodecs().stream()
                .filter(codec -> codec.type() == type)
                .findFirst()
                .orElseThrow();
    }
}
