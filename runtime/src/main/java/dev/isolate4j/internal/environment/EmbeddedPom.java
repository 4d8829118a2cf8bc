package dev.isolate4j.internal.environment;

import dev.isolate4j.internal.classpath.NotAJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

/**
 * The POM that Maven puts in every jar it builds, {@code META-INF/maven/<group>/<artifact>/pom.xml},
 * with the coordinates of its {@code pom.properties}. A jar holding several (a shaded jar carries
 * those of what it bundles) has no single POM to follow, and none is used.
 *
 * @param jar the jar that carries it
 * @param entry the POM's entry in the jar
 * @param groupId from {@code pom.properties}
 * @param artifactId from {@code pom.properties}
 * @param version from {@code pom.properties}
 * @param content the POM
 */
record EmbeddedPom(Path jar, String entry, String groupId, String artifactId, String version, String content) {
    private static final Pattern POM_ENTRY = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.xml");

    private static JarFile open(Path module) throws IOException {
        try {
            return new JarFile(module.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException(NotAJar.message(module, e), e);
        }
    }

    /**
     * Reads the one POM of {@code module}.
     *
     * @param module a jar, or a classes directory (which has none)
     * @return the POM, or empty when the module is not a jar or holds no POM or several
     * @throws IllegalArgumentException naming the jar and the entry when the POM's {@code
     *     pom.properties} is missing or does not name plain coordinates
     */
    static Optional<EmbeddedPom> of(Path module) throws IOException {
        if (!Files.isRegularFile(module)) {
            return Optional.empty();
        }
        try (JarFile jar = open(module)) {
            List<String> poms = new ArrayList<>();
            jar.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> POM_ENTRY.matcher(name).matches())
                    .forEach(poms::add);
            if (poms.size() != 1) {
                return Optional.empty();
            }
            String entry = poms.get(0);
            String propertiesEntry = entry.substring(0, entry.length() - "pom.xml".length()) + "pom.properties";
            ZipEntry properties = jar.getEntry(propertiesEntry);
            if (properties == null) {
                throw new IllegalArgumentException(describe(module, entry) + " has no " + propertiesEntry
                        + " beside it to name its coordinates; rebuild the jar with Maven, or give the extension's"
                        + " dependencies(...) yourself");
            }
            Properties coordinates = new Properties();
            coordinates.load(new StringReader(read(jar, properties)));
            String groupId = coordinates.getProperty("groupId", "");
            String artifactId = coordinates.getProperty("artifactId", "");
            String version = coordinates.getProperty("version", "");
            try {
                Coordinate.parse(groupId + ":" + artifactId + ":" + version);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        describe(module, entry) + ": " + propertiesEntry + " does not name its coordinates: "
                                + e.getMessage() + "; give the extension's dependencies(...) yourself",
                        e);
            }
            return Optional.of(
                    new EmbeddedPom(module, entry, groupId, artifactId, version, read(jar, jar.getEntry(entry))));
        }
    }

    /** {@return {@code group:artifact:version}} */
    String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** {@return the POM's entry and jar, as messages name them} */
    String describe() {
        return describe(jar, entry);
    }

    private static String describe(Path jar, String entry) {
        return "the POM " + entry + " in " + jar;
    }

    private static String read(JarFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
