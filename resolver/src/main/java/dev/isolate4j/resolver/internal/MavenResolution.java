package dev.isolate4j.resolver.internal;

import dev.isolate4j.resolver.ResolutionFailedException;
import dev.isolate4j.resolver.ResolutionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.RepositorySystemSession.SessionBuilder;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.scope.ResolutionScope;
import org.eclipse.aether.supplier.Maven3ScopeManagerConfiguration;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;

/**
 * Resolves with Maven Resolver embedded (no {@code mvn} process), honouring {@code settings.xml}:
 * the implementation of {@link dev.isolate4j.resolver.ArtifactResolver}.
 */
public final class MavenResolution {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    /** Created on first use: a host that loads no isolated extension never pays for it. */
    private static volatile RepositorySystem system;

    private MavenResolution() {}

    /**
     * Resolves {@code request} (runtime scope) from its repositories, the active profiles'
     * repositories and Maven Central, in that order.
     *
     * @param request what to resolve
     * @return the artifact files in class path order
     *
     * @throws ResolutionFailedException with the resolver's message
     */
    public static List<Path> resolve(ResolutionRequest request) throws ResolutionFailedException {
        try {
            return resolveOrThrow(request, false);
        } catch (DependencyResolutionException | SettingsBuildingException e) {
            throw new ResolutionFailedException(withCauses(e), e);
        }
    }

    /**
     * The message and those of its causes that add to it: "Failed to collect dependencies at x"
     * alone does not say that x's parent POM is missing, its cause does.
     */
    private static String withCauses(Exception e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String more = cause.getMessage();
            if (more != null && message.indexOf(more) < 0) {
                message.append(": ").append(more);
            }
        }
        return message.toString();
    }

    /**
     * Implements {@link dev.isolate4j.resolver.ArtifactResolver#warmUp(Path)}: resolves, offline, an
     * artifact that a workspace of its own holds, in a local repository of its own under {@code
     * parent}, which takes every step a real resolution takes (settings, session, the POM read by
     * Maven's model builder, collection, resolution) and touches nothing of the user's.
     */
    public static void warmUp(Path parent) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory(
                    Files.createDirectories(parent), ProcessHandle.current().pid() + "-");
            Path pom = Files.writeString(
                    directory.resolve("warm-up.pom"),
                    "<project><modelVersion>4.0.0</modelVersion><groupId>dev.isolate4j.warm-up</groupId>"
                            + "<artifactId>warm-up</artifactId><version>1</version></project>\n");
            Path jar = Files.write(directory.resolve("warm-up.jar"), new byte[0]);
            String prefix = "dev.isolate4j.warm-up:warm-up:";
            resolveOrThrow(
                    new ResolutionRequest(
                            List.of(prefix + "1"),
                            List.of(),
                            List.of(),
                            directory.resolve("repository"),
                            null,
                            Map.of(prefix + "pom:1", pom, prefix + "jar:1", jar)),
                    true);
        } catch (IOException | DependencyResolutionException | SettingsBuildingException | RuntimeException e) {
            // Only speed is lost: the first real resolution loads what this did not.
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // left to the next warm-up under the same parent, which removes those of gone hosts
        }
    }

    private static List<Path> resolveOrThrow(ResolutionRequest request, boolean offline)
            throws DependencyResolutionException, SettingsBuildingException {
        MavenSettings settings = MavenSettings.load();
        RepositorySystem system = system();
        SessionBuilder builder = new SessionBuilderSupplier(system).get();
        settings.applyTo(builder);
        builder.withLocalRepositoryBaseDirectories(
                request.localRepository() != null ? request.localRepository() : settings.localRepository());
        if (!request.workspace().isEmpty()) {
            builder.setWorkspaceReader(new FileWorkspace(request.workspace()));
        }
        if (request.listener() != null) {
            builder.setTransferListener(new TransferEvents(request.listener()));
        }
        // Maven 3's class path order, and file: repositories stay usable when settings say offline.
        builder.setConfigProperty("aether.system.dependencyVisitor", "preOrder");
        builder.setConfigProperty("aether.offline.protocols", "file");
        // Resolver 2's prefix filter fetches each remote repository's .meta/prefixes.txt on its first
        // use with a local repository: an HTTPS connection (TLS set-up, a round trip, 0.3–0.6 s) before
        // any resolution, even of artifacts the local repository holds. An artifact a repository lacks
        // costs a request either way.
        builder.setConfigProperty("aether.remoteRepositoryFilter.prefixes", false);
        if (offline) {
            builder.setOffline(true);
        }
        try (CloseableSession session = builder.build()) {
            CollectRequest collect = new CollectRequest();
            List<Exclusion> exclusions = exclusions(request.exclusions());
            for (String coordinate : request.coordinates()) {
                collect.addDependency(new Dependency(new DefaultArtifact(coordinate), "runtime", false, exclusions));
            }
            List<RemoteRepository> remotes = new ArrayList<>();
            for (int i = 0; i < request.repositories().size(); i++) {
                remotes.add(repository("extension-" + i, request.repositories().get(i)));
            }
            remotes.addAll(settings.profileRepositories());
            remotes.add(repository("central", CENTRAL));
            collect.setRepositories(system.newResolutionRepositories(session, remotes));
            ResolutionScope runtime = session.getScopeManager()
                    .getResolutionScope(Maven3ScopeManagerConfiguration.RS_MAIN_RUNTIME)
                    .orElseThrow();
            collect.setResolutionScope(runtime);
            List<Path> files = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, null))
                    .getArtifactResults()) {
                files.add(result.getArtifact().getPath());
            }
            return files;
        }
    }

    /** {@code group:artifact} pairs, each excluding every extension and classifier. */
    private static List<Exclusion> exclusions(List<String> pairs) {
        List<Exclusion> exclusions = new ArrayList<>();
        for (String pair : pairs) {
            String[] parts = pair.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("exclusion '" + pair + "' is not group:artifact");
            }
            exclusions.add(new Exclusion(parts[0], parts[1], "*", "*"));
        }
        return exclusions;
    }

    private static RemoteRepository repository(String id, String url) {
        RepositoryPolicy enabled =
                new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_WARN);
        return new RemoteRepository.Builder(id, "default", url)
                .setReleasePolicy(enabled)
                .setSnapshotPolicy(enabled)
                .build();
    }

    private static RepositorySystem system() {
        RepositorySystem current = system;
        if (current == null) {
            synchronized (MavenResolution.class) {
                current = system;
                if (current == null) {
                    current = new RepositorySystemSupplier().get();
                    system = current;
                }
            }
        }
        return current;
    }

    /**
     * Implements {@link dev.isolate4j.resolver.ArtifactResolver#settingsInputs()}.
     *
     * @return the text
     */
    public static String settingsInputs() {
        return MavenSettings.inputs();
    }
}
