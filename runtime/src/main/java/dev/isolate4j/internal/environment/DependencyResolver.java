package dev.isolate4j.internal.environment;

import dev.isolate4j.ResolutionListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Resolves an extension's dependencies with Maven Resolver embedded in the runtime (no {@code mvn}
 * process), honouring {@code settings.xml}, and keeps isolate4j's own artifacts, and whatever only
 * they bring, out of the result: the child always gets the one runtime that matches the host.
 */
final class DependencyResolver {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final List<String> OWN_ARTIFACTS =
            List.of("isolate4j-annotations", "isolate4j-runtime", "isolate4j-processor", "isolate4j-bom");
    private static final String OWN_GROUP = "dev.isolate4j";

    /** Created on first use: a host that loads no isolated extension never pays for it. */
    private static volatile RepositorySystem system;

    private DependencyResolver() {}

    /**
     * Resolves {@code coordinates} transitively (runtime scope) from {@code repositories} (URLs),
     * the active profiles' repositories and Maven Central, in that order.
     *
     * @return the artifact files in class path order
     */
    static List<Path> resolve(
            String extensionName,
            List<Coordinate> coordinates,
            List<String> repositories,
            Path localRepositoryOverride,
            ResolutionListener listener)
            throws DependencyResolutionException, SettingsBuildingException {
        MavenSettings settings = MavenSettings.load();
        RepositorySystem system = system();
        SessionBuilder builder = new SessionBuilderSupplier(system).get();
        settings.applyTo(builder);
        builder.withLocalRepositoryBaseDirectories(
                localRepositoryOverride != null ? localRepositoryOverride : settings.localRepository());
        builder.setTransferListener(new ProgressReporter(extensionName, listener));
        // Maven 3's class path order, and file: repositories stay usable when settings say offline.
        builder.setConfigProperty("aether.system.dependencyVisitor", "preOrder");
        builder.setConfigProperty("aether.offline.protocols", "file");
        try (CloseableSession session = builder.build()) {
            CollectRequest collect = new CollectRequest();
            for (Coordinate coordinate : coordinates) {
                if (!isOwn(coordinate)) {
                    collect.addDependency(new Dependency(
                            new DefaultArtifact(coordinate.toString()), "runtime", false, ownExclusions()));
                }
            }
            List<RemoteRepository> remotes = new ArrayList<>();
            for (int i = 0; i < repositories.size(); i++) {
                remotes.add(repository("extension-" + i, repositories.get(i)));
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

    private static boolean isOwn(Coordinate coordinate) {
        return coordinate.groupId().equals(OWN_GROUP) && OWN_ARTIFACTS.contains(coordinate.artifactId());
    }

    private static List<Exclusion> ownExclusions() {
        return OWN_ARTIFACTS.stream()
                .map(a -> new Exclusion(OWN_GROUP, a, "*", "*"))
                .toList();
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
            synchronized (DependencyResolver.class) {
                current = system;
                if (current == null) {
                    current = new RepositorySystemSupplier().get();
                    system = current;
                }
            }
        }
        return current;
    }
}
