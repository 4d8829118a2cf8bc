package dev.isolate4j.internal.serialization;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

/**
 * The list classes whose lists of simple values {@link SimpleKind} writes without Fory, and how the
 * reader makes a list of the same kind again: {@code new ArrayList<>(...)}, {@code
 * Arrays.asList(...)}, {@code new LinkedList<>(...)}, and the JDK's unmodifiable lists ({@code
 * List.of(...)}, {@code Stream.toList()}, {@code List.copyOf(...)}). The unmodifiable ones are where
 * modern code keeps its numbers; through Fory, 100,000 {@code Double}s in one took 3 ms a call
 * against 1 ms in an {@code ArrayList}.
 *
 * <p>The reader's unmodifiable list refuses {@code contains(null)}, as {@code List.of}'s does; one
 * that {@code Stream.toList()} made answers false. Fory's own copy of such a list did the same.
 */
enum ListShape {
    ARRAY_LIST(0) {
        @Override
        List<Object> finish(ArrayList<Object> elements) {
            return elements;
        }
    },
    ARRAYS_AS_LIST(1) {
        @Override
        List<Object> finish(ArrayList<Object> elements) {
            return Arrays.asList(elements.toArray());
        }
    },
    UNMODIFIABLE(2) {
        @Override
        List<Object> finish(ArrayList<Object> elements) {
            return List.copyOf(elements);
        }
    },
    LINKED_LIST(3) {
        @Override
        List<Object> finish(ArrayList<Object> elements) {
            return new LinkedList<>(elements);
        }
    };

    private static final Class<?> AS_LIST = Arrays.asList().getClass();
    /** {@code List.of()} and lists of three or more: {@code ImmutableCollections.ListN}. */
    private static final Class<?> LIST_N = List.of().getClass();
    /** {@code List.of(a)} and {@code List.of(a, b)}: {@code ImmutableCollections.List12}. */
    private static final Class<?> LIST_12 = List.of(0).getClass();

    private static final ListShape[] BY_CODE = values();

    /** The byte on the wire, after the list's kind. */
    final byte code;

    ListShape(int code) {
        this.code = (byte) code;
    }

    /** {@return the shape of {@code value}'s class, or {@code null} when it is none of these} */
    static ListShape of(Object value) {
        Class<?> type = value.getClass();
        if (type == ArrayList.class) {
            return ARRAY_LIST;
        }
        if (type == AS_LIST) {
            return ARRAYS_AS_LIST;
        }
        if (type == LIST_N || type == LIST_12) {
            return UNMODIFIABLE;
        }
        return type == LinkedList.class ? LINKED_LIST : null;
    }

    /**
     * Reads a shape's byte.
     *
     * @throws IllegalArgumentException when no shape has it
     */
    static ListShape read(ByteBuffer in) {
        byte code = SimpleKind.need(in, 1).get();
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException(
                    "unknown list shape " + code + " in a simple value; accepted: 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }

    /** The list of this shape holding {@code elements}, which the reader filled in order. */
    abstract List<Object> finish(ArrayList<Object> elements);
}
