package dev.isolate4j.resolver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ArtifactResolver} resolves.
 *
 * @param coordinates Maven coordinates {@code group:artifact:extension[:classifier]:version}
 * @param exclusions {@code group:artifact} pairs kept out of the result, with whatever only they
 *     bring
 * @param repositories repository URLs searched before the settings' repositories and Maven Central
 * @param localRepository the local repository, or {@code null} for the one {@code settings.xml}
 *     names
 * @param listener told of every download, or {@code null}
 * @param workspace artifacts found on disk rather than in a repository, by coordinates {@code
 *     group:artifact:extension:version} (e.g. a jar and the POM it carries): Maven's reactor does
 *     the same for a build's own modules
 */
public record ResolutionRequest(
        List<String> coordinates,
        List<String> exclusions,
        List<String> repositories,
        Path localRepository,
        TransferListener listener,
        Map<String, Path> workspace) {
    /** Copies the lists; refuses null ones. */
    public ResolutionRequest {
        coordinates = List.copyOf(coordinates);
        exclusions = List.copyOf(exclusions);
        repositories = List.copyOf(repositories);
        workspace = Map.copyOf(workspace);
    }

    /**
     * A request without a workspace.
     *
     * @param coordinates see {@link #coordinates()}
     * @param exclusions see {@link #exclusions()}
     * @param repositories see {@link #repositories()}
     * @param localRepository see {@link #localRepository()}
     * @param listener see {@link #listener()}
     */
    public ResolutionRequest(
            List<String> coordinates,
            List<String> exclusions,
            List<String> repositories,
            Path localRepository,
            TransferListener listener) {
        this(coordinates, exclusions, repositories, localRepository, listener, Map.of());
    }
}
