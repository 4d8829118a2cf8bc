package dev.isolate4j.resolver.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;

/**
 * Artifacts that are files on disk, not in any repository: a jar given as an extension's module
 * and the POM it carries. The resolver looks here before any repository, as Maven's reactor does
 * for a build's own modules, so such a POM is read, its parent and imports resolved, without being
 * installed anywhere.
 */
final class FileWorkspace implements WorkspaceReader {
    private static final WorkspaceRepository REPOSITORY = new WorkspaceRepository("isolate4j-files");

    /** By {@code group:artifact:extension:version}. */
    private final Map<String, Path> files;

    FileWorkspace(Map<String, Path> files) {
        this.files = Map.copyOf(files);
    }

    @Override
    public WorkspaceRepository getRepository() {
        return REPOSITORY;
    }

    @Override
    public Path findArtifactPath(Artifact artifact) {
        return artifact.getClassifier().isEmpty() ? files.get(key(artifact, artifact.getBaseVersion())) : null;
    }

    /** The resolver's older entry point, which it still declares abstract. */
    @Override
    @Deprecated
    public File findArtifact(Artifact artifact) {
        Path path = findArtifactPath(artifact);
        return path == null ? null : path.toFile();
    }

    @Override
    public List<String> findVersions(Artifact artifact) {
        return files.containsKey(key(artifact, artifact.getBaseVersion()))
                ? List.of(artifact.getBaseVersion())
                : List.of();
    }

    private static String key(Artifact artifact, String version) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getExtension() + ":" + version;
    }
}
