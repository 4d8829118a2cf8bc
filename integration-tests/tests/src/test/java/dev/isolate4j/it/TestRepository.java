package dev.isolate4j.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A Maven repository the test creates on disk, so that resolution needs no network. */
final class TestRepository {
    private final Path root;

    TestRepository(Path root) {
        this.root = root;
    }

    /** The repository's URL; the same before and after the directory is deleted. */
    String url() {
        String url = root.toUri().toString();
        return url.endsWith("/") ? url : url + "/";
    }

    /**
     * Publishes {@code jar} as {@code group:artifact:version} whose POM lists {@code dependencies}
     * ({@code group:artifact:version}, compile scope).
     */
    TestRepository publish(String group, String artifact, String version, Path jar, List<String> dependencies)
            throws IOException {
        return publish(group, artifact, version, "", jar, dependencies);
    }

    /** Like {@link #publish(String, String, String, Path, List)}, the jar with a classifier when not empty. */
    TestRepository publish(
            String group, String artifact, String version, String classifier, Path jar, List<String> dependencies)
            throws IOException {
        Path directory = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(directory);
        String suffix = classifier.isEmpty() ? "" : "-" + classifier;
        Path published = directory.resolve(artifact + "-" + version + suffix + ".jar");
        Files.copy(jar, published, StandardCopyOption.REPLACE_EXISTING);
        writeSha1(published);
        StringBuilder deps = new StringBuilder();
        for (String dependency : dependencies) {
            String[] parts = dependency.split(":");
            deps.append("    <dependency><groupId>")
                    .append(parts[0])
                    .append("</groupId><artifactId>")
                    .append(parts[1])
                    .append("</artifactId><version>")
                    .append(parts[2])
                    .append("</version></dependency>\n");
        }
        Path pom = directory.resolve(artifact + "-" + version + ".pom");
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(group, artifact, version, deps));
        writeSha1(pom);
        writeMetadata(directory.getParent(), group, artifact);
        return this;
    }

    /**
     * Publishes a POM of its own, e.g. a parent or a BOM ({@code <packaging>pom</packaging>}) that
     * a jar's POM refers to.
     */
    TestRepository publishPom(String group, String artifact, String version, String pomXml) throws IOException {
        Path directory = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(directory);
        Path pom = directory.resolve(artifact + "-" + version + ".pom");
        Files.writeString(pom, pomXml);
        writeSha1(pom);
        writeMetadata(directory.getParent(), group, artifact);
        return this;
    }

    /** The version list that version ranges are resolved against. */
    private static void writeMetadata(Path artifactDirectory, String group, String artifact) throws IOException {
        StringBuilder versions = new StringBuilder();
        try (var children = Files.list(artifactDirectory)) {
            children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .forEach(v -> versions.append("      <version>").append(v).append("</version>\n"));
        }
        Path metadata = artifactDirectory.resolve("maven-metadata.xml");
        Files.writeString(metadata, """
                <metadata>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <versioning>
                    <versions>
                %s    </versions>
                  </versioning>
                </metadata>
                """.formatted(group, artifact, versions));
        writeSha1(metadata);
    }

    private static void writeSha1(Path file) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            Files.writeString(
                    file.resolveSibling(file.getFileName() + ".sha1"),
                    HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture jar named {@code file} in the directory the build copied them to. */
    static Path fixtureJar(String file) {
        Path jar = Path.of(System.getProperty("isolate4j.it.extensions", "target/extensions"))
                .resolve(file);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("fixture jar " + jar + " is missing; run the tests through Maven");
        }
        return jar;
    }

    /** The repository with the fixture API as {@code dev.isolate4j.it:probe-api:1.0}, depending on the runtime. */
    static TestRepository withFixtureApi(Path root) throws IOException {
        // Like a real API artifact, it depends on isolate4j-runtime; resolution must leave that out.
        return new TestRepository(root)
                .publish(
                        "dev.isolate4j.it",
                        "probe-api",
                        "1.0",
                        fixtureJar("fixture-api.jar"),
                        List.of("dev.isolate4j:isolate4j-runtime:0.1.0-SNAPSHOT"));
    }
}
