package dev.isolate4j.internal.rpc;

import java.util.Optional;
import java.util.Set;

/** Where the objects a side exports are looked up by id. */
public interface ObjectLookup {
    /** Finds nothing. */
    ObjectLookup NONE = new ObjectLookup() {
        @Override
        public Optional<LocalObject> find(String id) {
            return Optional.empty();
        }

        @Override
        public Set<String> ids() {
            return Set.of();
        }
    };

    /**
     * Finds the object exported under {@code id}.
     *
     * @param id the object id
     * @return the object, or empty when there is none
     */
    Optional<LocalObject> find(String id);

    /** {@return the ids found here, for error messages} */
    Set<String> ids();
}
