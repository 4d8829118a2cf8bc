package dev.isolate4j.internal.environment;

import dev.isolate4j.ResolutionListener;
import dev.isolate4j.resolver.ArtifactResolver;
import dev.isolate4j.resolver.ResolutionFailedException;
import dev.isolate4j.resolver.ResolutionRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Resolves an extension's dependencies through {@code isolate4j-resolver} (Maven Resolver embedded,
 * no {@code mvn} process, {@code settings.xml} honoured), and keeps isolate4j's own artifacts, and
 * whatever only they bring, out of the result: the child always gets the one runtime that matches
 * the host.
 */
final class DependencyResolver {
    private static final List<String> OWN_ARTIFACTS = List.of(
            "isolate4j-annotations", "isolate4j-runtime", "isolate4j-resolver", "isolate4j-processor", "isolate4j-bom");
    private static final String OWN_GROUP = "dev.isolate4j";

    private DependencyResolver() {}

    /**
     * Resolves {@code coordinates} transitively (runtime scope) from {@code workspace} (files that
     * stand in for artifacts), {@code repositories} (URLs), the active profiles' repositories and
     * Maven Central, in that order.
     *
     * @return the artifact files in class path order
     */
    static List<Path> resolve(
            String extensionName,
            List<String> coordinates,
            Map<String, Path> workspace,
            List<String> repositories,
            Path localRepositoryOverride,
            ResolutionListener listener)
            throws ResolutionFailedException {
        List<String> wanted = coordinates.stream()
                .map(Coordinate::parse)
                .filter(coordinate -> !isOwn(coordinate))
                .map(Coordinate::toString)
                .toList();
        List<String> exclusions =
                OWN_ARTIFACTS.stream().map(a -> OWN_GROUP + ":" + a).toList();
        return ArtifactResolver.resolve(new ResolutionRequest(
                wanted,
                exclusions,
                repositories,
                localRepositoryOverride,
                new ProgressReporter(extensionName, listener),
                workspace));
    }

    private static boolean isOwn(Coordinate coordinate) {
        return coordinate.groupId().equals(OWN_GROUP) && OWN_ARTIFACTS.contains(coordinate.artifactId());
    }
}
