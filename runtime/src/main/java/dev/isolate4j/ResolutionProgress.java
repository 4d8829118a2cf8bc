package dev.isolate4j;

/**
 * The progress of one download while an isolated extension's dependencies are resolved.
 *
 * @param extensionName the extension whose environment is being prepared
 * @param artifact the file being downloaded, as a repository path, e.g. {@code
 *     com/google/guava/guava/33.0.0-jre/guava-33.0.0-jre.jar}
 * @param repository the id of the repository it comes from
 * @param bytes the bytes transferred so far
 * @param totalBytes the file's size, or -1 when the repository did not say
 * @param done whether the download finished
 */
public record ResolutionProgress(
        String extensionName, String artifact, String repository, long bytes, long totalBytes, boolean done) {

    /** {@return the share transferred, 0 to 100, or -1 when the size is unknown} */
    public double percent() {
        return totalBytes > 0 ? 100.0 * bytes / totalBytes : -1;
    }
}
