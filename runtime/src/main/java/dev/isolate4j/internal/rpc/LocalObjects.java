package dev.isolate4j.internal.rpc;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects one side of a connection exports, by id. Ids not registered here are looked up in a
 * fallback (on the host: the manager's callees, then the singletons), so that an object
 * registered after the connection opened is still found.
 */
public final class LocalObjects implements ObjectLookup {

    private final Map<String, LocalObject> objects = new ConcurrentHashMap<>();
    private final ObjectLookup fallback;

    /**
     * An empty registry.
     *
     * @param fallback where ids not registered here are looked up, e.g. the singletons
     */
    public LocalObjects(ObjectLookup fallback) {
        this.fallback = fallback;
    }

    /**
     * Exports {@code object} under {@code id}.
     *
     * @param id the object id the peer calls it by
     * @param object the object
     * @throws IllegalArgumentException when {@code id} is registered already
     */
    public void register(String id, LocalObject object) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("object id must not be blank, was '" + id + "'");
        }
        if (objects.putIfAbsent(id, object) != null) {
            throw new IllegalArgumentException("an object with id '" + id
                    + "' is registered already; choose another id or unregister the first one");
        }
    }

    /**
     * Stops exporting the object under {@code id}; a no-op when there is none.
     *
     * @param id the object id
     */
    public void unregister(String id) {
        objects.remove(id);
    }

    @Override
    public Optional<LocalObject> find(String id) {
        LocalObject object = objects.get(id);
        return object != null ? Optional.of(object) : fallback.find(id);
    }

    @Override
    public Set<String> ids() {
        Set<String> ids = new TreeSet<>(objects.keySet());
        ids.addAll(fallback.ids());
        return ids;
    }

    /** {@return the ids found here and in the fallback, sorted, for error messages} */
    public String describe() {
        return ids().toString();
    }
}
