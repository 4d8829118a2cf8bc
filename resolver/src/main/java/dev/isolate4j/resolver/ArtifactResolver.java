package dev.isolate4j.resolver;

import java.nio.file.Path;
import java.util.List;

/**
 * Resolves Maven artifacts transitively with Maven Resolver, honouring {@code settings.xml}, for
 * isolate4j's runtime. The resolver, Maven's libraries and their dependencies are relocated inside
 * this artifact, so that none of them enters the application's class path or module graph: this
 * class and the few types of its package are all that other modules see.
 *
 * <p>{@code List<Path> files = ArtifactResolver.resolve(new ResolutionRequest(List.of("com.acme:api:1.0"),
 * List.of(), List.of(), null, null));}
 */
public final class ArtifactResolver {
    private ArtifactResolver() {}

    /**
     * Resolves {@code request}'s coordinates transitively (runtime scope) from its repositories,
     * the repositories of the active {@code settings.xml} profiles and Maven Central, in that order.
     *
     * @param request what to resolve, and from where
     * @return the artifact files in Maven's class path order
     *
     * @throws ResolutionFailedException when the settings cannot be read or an artifact cannot be
     *     resolved, with the resolver's message
     */
    public static List<Path> resolve(ResolutionRequest request) throws ResolutionFailedException {
        return Implementation.resolve(request);
    }

    /**
     * Loads and runs, once, what every resolution uses (settings, session, Maven's model builder,
     * collection), by resolving offline an artifact of its own in a local repository of its own:
     * the first real resolution then starts warm. Never throws; touches no repository of the user's.
     *
     * @param parent where the warm-up makes its directory, named {@code <pid>-<random>}, and removes
     *     it when done; one that a host leaves behind (it exited meanwhile) is the caller's to remove
     */
    public static void warmUp(Path parent) {
        try {
            Implementation.warmUp(parent);
        } catch (RuntimeException | LinkageError e) {
            // Only speed is lost; the first resolution reports what went wrong.
        }
    }

    /**
     * What a resolution reads besides its request, as text: the {@code settings.xml} files (paths
     * and digests) and {@code -Dmaven.repo.local}. A resolution kept for reuse is reused only while
     * this text is the same.
     *
     * @return the text
     */
    public static String settingsInputs() {
        return Implementation.settingsInputs();
    }
}
