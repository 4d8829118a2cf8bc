package dev.isolate4j.processor.roundtrip;

import dev.isolate4j.annotations.Callee;
import java.util.List;

/** Records of several shapes, compiled by Maven with the processor: their codecs are run in tests. */
@Callee
public interface Catalog {
    Item item(String id);

    List<Shelf> shelves(Box<String> box);

    /** Primitive, array, generic and record components. */
    record Item(String id, int count, double[] prices, List<String> tags, Shelf shelf) {}

    /** Reached only through {@link Item}. */
    record Shelf(char row, Object label) {}

    /** Generic: no codec, its values cross through Fory. */
    record Box<T>(T content) {}
}
