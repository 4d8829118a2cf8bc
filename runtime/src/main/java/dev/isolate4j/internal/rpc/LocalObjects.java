package dev.isolate4j.internal.rpc;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The objects one side of a connection exports, by id. Ids not registered here are looked up in a
 * fallback (the host's singletons), so that a singleton registered after the connection opened is
 * still found.
 */
public final class LocalObjects {
    private final Map<String, LocalObject> objects = new ConcurrentHashMap<>();
    private final Function<String, Optional<LocalObject>> fallback;

    public LocalObjects(Function<String, Optional<LocalObject>> fallback) {
        this.fallback = fallback;
    }

    /** @throws IllegalArgumentException when {@code id} is registered already */
    public void register(String id, LocalObject object) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("object id must not be blank, was '" + id + "'");
        }
        if (objects.putIfAbsent(id, object) != null) {
            throw new IllegalArgumentException("an object with id '" + id
                    + "' is registered already; choose another id or unregister the first one");
        }
    }

    public void unregister(String id) {
        objects.remove(id);
    }

    public Optional<LocalObject> find(String id) {
        LocalObject object = objects.get(id);
        return object != null ? Optional.of(object) : fallback.apply(id);
    }

    /** The registered ids, sorted, for error messages. */
    public String describe() {
        return new TreeSet<>(objects.keySet()).toString();
    }
}
