package dev.isolate4j.processor.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code @ProxiedSingleton} ids seen so far in this compilation, across rounds, so that an id
 * used twice is reported at compile time instead of making the second registration fail at run time.
 */
final class SingletonIdRegistry {
    private final Map<String, String> ownerById = new HashMap<>();

    /**
     * Records that {@code owner} uses {@code id}.
     *
     * @return the canonical name of the interface that used {@code id} first, if another did
     */
    Optional<String> claim(String id, String owner) {
        String first = ownerById.putIfAbsent(id, owner);
        return first == null || first.equals(owner) ? Optional.empty() : Optional.of(first);
    }
}
