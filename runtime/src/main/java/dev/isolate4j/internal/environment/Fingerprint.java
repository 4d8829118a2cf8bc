package dev.isolate4j.internal.environment;

import dev.isolate4j.internal.Sha256;
import java.util.List;

/**
 * A digest of everything an environment's class path depends on: where the module comes from (an
 * artifact's coordinates, a jar's own POM), the coordinates, the repositories, the runtime's version and the Java version. Equal fingerprints mean the recorded
 * class path can be reused without resolving anything.
 */
final class Fingerprint {
    private Fingerprint() {}

    /**
     * Computes the fingerprint.
     *
     * @param coordinates the dependencies' coordinates
     * @param repositories the repositories' URLs
     * @param runtimeVersion isolate4j's version
     * @param javaVersion the version of the JDK that runs the child
     * @return a SHA-256 digest, in hex
     */
    public static String of(
            List<String> coordinates, List<String> repositories, String runtimeVersion, String javaVersion) {
        return of(List.of(), coordinates, repositories, runtimeVersion, javaVersion);
    }

    /**
     * Computes the fingerprint of an environment whose module is resolved too.
     *
     * @param module what the module's resolution depends on, e.g. {@code "artifact com.acme:ocr:1.2"}
     *     or the digest of a jar's POM; none for a module whose dependencies are all listed
     * @param coordinates the dependencies' coordinates
     * @param repositories the repositories' URLs
     * @param runtimeVersion isolate4j's version
     * @param javaVersion the version of the JDK that runs the child
     * @return a SHA-256 digest, in hex
     */
    public static String of(
            List<String> module,
            List<String> coordinates,
            List<String> repositories,
            String runtimeVersion,
            String javaVersion) {
        StringBuilder inputs = new StringBuilder("isolate4j-environment-v1\n");
        // Only when there is one: the fingerprints of environments recorded before stay as they were.
        module.forEach(m -> inputs.append("module ").append(m).append('\n'));
        coordinates.forEach(c -> inputs.append("dependency ").append(c).append('\n'));
        repositories.forEach(r -> inputs.append("repository ").append(r).append('\n'));
        inputs.append("runtime ").append(runtimeVersion).append('\n');
        inputs.append("java ").append(javaVersion).append('\n');
        return Sha256.hex(inputs.toString(), 32);
    }
}
