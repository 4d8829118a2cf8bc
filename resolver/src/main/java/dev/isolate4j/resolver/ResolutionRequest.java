package dev.isolate4j.resolver;

import java.nio.file.Path;
import java.util.List;

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
 */
public record ResolutionRequest(
        List<String> coordinates,
        List<String> exclusions,
        List<String> repositories,
        Path localRepository,
        TransferListener listener) {
    /** Copies the lists; refuses null ones. */
    public ResolutionRequest {
        coordinates = List.copyOf(coordinates);
        exclusions = List.copyOf(exclusions);
        repositories = List.copyOf(repositories);
    }
}
