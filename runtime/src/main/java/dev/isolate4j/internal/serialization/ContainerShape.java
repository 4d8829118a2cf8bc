package dev.isolate4j.internal.serialization;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The map and set classes whose contents {@link SimpleKind} writes without Fory, and how the reader
 * makes one of the same kind again: {@code HashMap} and {@code HashSet}, their linked variants (in
 * their order), and the JDK's unmodifiable ones ({@code Map.of}, {@code Map.copyOf}, {@code
 * Set.of}, {@code Set.copyOf}), {@code TreeMap} and {@code TreeSet} in natural order; and {@code
 * Optional}, a container of none or one. Sorted ones with a comparator cross through Fory, which
 * carries the comparator. Lists have their own shapes ({@link ListShape}).
 */
enum ContainerShape {
    HASH_MAP(0) {
        @Override
        Object finish(List<Object> parts) {
            return fill(new HashMap<>(capacity(parts.size() / 2)), parts);
        }
    },
    LINKED_HASH_MAP(1) {
        @Override
        Object finish(List<Object> parts) {
            return fill(new LinkedHashMap<>(capacity(parts.size() / 2)), parts);
        }
    },
    UNMODIFIABLE_MAP(2) {
        @Override
        Object finish(List<Object> parts) {
            return Map.copyOf(fill(new LinkedHashMap<>(capacity(parts.size() / 2)), parts));
        }
    },
    HASH_SET(3) {
        @Override
        Object finish(List<Object> parts) {
            Set<Object> set = new HashSet<>(capacity(parts.size()));
            set.addAll(parts);
            return set;
        }
    },
    LINKED_HASH_SET(4) {
        @Override
        Object finish(List<Object> parts) {
            return new LinkedHashSet<>(parts);
        }
    },
    UNMODIFIABLE_SET(5) {
        @Override
        Object finish(List<Object> parts) {
            return Set.copyOf(parts);
        }
    },
    /** An {@code Optional}: no part when it is empty, its value when it is not. */
    OPTIONAL(6) {
        @Override
        Object finish(List<Object> parts) {
            if (parts.size() > 1) {
                throw new IllegalArgumentException(
                        "an Optional of " + parts.size() + " values in a simple value; accepted: none or one");
            }
            if (parts.contains(null)) {
                throw new IllegalArgumentException(
                        "an Optional holding null in a simple value; it holds a value or none");
            }
            return parts.isEmpty() ? Optional.empty() : Optional.of(parts.get(0));
        }
    },
    /** A {@code TreeMap} in its keys' natural order. */
    TREE_MAP(7) {
        @Override
        Object finish(List<Object> parts) {
            return sorted(() -> fill(new TreeMap<>(), parts));
        }
    },
    /** A {@code TreeSet} in its elements' natural order. */
    TREE_SET(8) {
        @Override
        Object finish(List<Object> parts) {
            return sorted(() -> new TreeSet<>(parts));
        }
    };

    /** {@code Map.of()} and maps of two entries or more: {@code ImmutableCollections.MapN}. */
    private static final Class<?> MAP_N = Map.of().getClass();
    /** {@code Map.of(k, v)}: {@code ImmutableCollections.Map1}. */
    private static final Class<?> MAP_1 = Map.of(0, 0).getClass();
    /** {@code Set.of()} and sets of three or more: {@code ImmutableCollections.SetN}. */
    private static final Class<?> SET_N = Set.of().getClass();
    /** {@code Set.of(a)} and {@code Set.of(a, b)}: {@code ImmutableCollections.Set12}. */
    private static final Class<?> SET_12 = Set.of(0).getClass();

    private static final ContainerShape[] BY_CODE = values();

    /** The byte on the wire, after the container's kind. */
    final byte code;

    ContainerShape(int code) {
        this.code = (byte) code;
    }

    /** Whether the shape is a map's, whose parts alternate keys and values. */
    boolean isMap() {
        return this == HASH_MAP || this == LINKED_HASH_MAP || this == UNMODIFIABLE_MAP || this == TREE_MAP;
    }

    /** {@return the shape of {@code value}'s class, or {@code null} when it is none of these} */
    static ContainerShape of(Object value) {
        Class<?> type = value.getClass();
        if (type == HashMap.class) {
            return HASH_MAP;
        }
        if (type == LinkedHashMap.class) {
            return LINKED_HASH_MAP;
        }
        if (type == MAP_N || type == MAP_1) {
            return UNMODIFIABLE_MAP;
        }
        if (type == HashSet.class) {
            return HASH_SET;
        }
        if (type == LinkedHashSet.class) {
            return LINKED_HASH_SET;
        }
        if (type == SET_N || type == SET_12) {
            return UNMODIFIABLE_SET;
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        // Only in natural order: a comparator is an object of its own, which Fory carries.
        if (type == TreeMap.class) {
            return ((TreeMap<?, ?>) value).comparator() == null ? TREE_MAP : null;
        }
        return type == TreeSet.class && ((TreeSet<?>) value).comparator() == null ? TREE_SET : null;
    }

    /**
     * The container's parts in the order they are written: a map's keys and values alternating, a
     * set's elements, an {@code Optional}'s value if it has one.
     */
    static Object[] parts(Object container) {
        if (container instanceof Set<?> set) {
            return set.toArray();
        }
        if (container instanceof Optional<?> optional) {
            return optional.isPresent() ? new Object[] {optional.get()} : new Object[0];
        }
        Map<?, ?> map = (Map<?, ?>) container;
        Object[] parts = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            parts[i++] = entry.getKey();
            parts[i++] = entry.getValue();
        }
        return parts;
    }

    /**
     * Reads a shape's byte.
     *
     * @throws IllegalArgumentException when no shape has it
     */
    static ContainerShape read(ByteBuffer in) {
        byte code = SimpleKind.need(in, 1).get();
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException(
                    "unknown map or set shape " + code + " in a simple value; accepted: 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }

    /** The container of this shape holding {@code parts}, which the reader filled in order. */
    abstract Object finish(List<Object> parts);

    /** Makes a sorted container, refusing keys that the natural order cannot compare in isolate4j's words. */
    private static Object sorted(Supplier<Object> make) {
        try {
            return make.get();
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "a sorted map or set in natural order holding null or values that do not compare, in a simple"
                            + " value: "
                            + e.getMessage(),
                    e);
        }
    }

    private static Map<Object, Object> fill(Map<Object, Object> map, List<Object> parts) {
        for (int i = 0; i + 1 < parts.size(); i += 2) {
            map.put(parts.get(i), parts.get(i + 1));
        }
        return map;
    }

    private static int capacity(int entries) {
        return (int) Math.min(1 << 30, entries * 4L / 3 + 1);
    }
}
