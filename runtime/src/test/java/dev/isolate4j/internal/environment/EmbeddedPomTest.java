package dev.isolate4j.internal.environment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EmbeddedPom}: the one POM Maven put in a jar, or none. */
class EmbeddedPomTest {
    private static final String POM = "META-INF/maven/com.acme/ocr/pom.xml";
    private static final String PROPERTIES = "META-INF/maven/com.acme/ocr/pom.properties";

    @TempDir
    Path tmp;

    private Path jar(Map<String, String> entries) throws Exception {
        Path jar = tmp.resolve("plugin.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void readsTheCoordinatesAndThePom() throws Exception {
        Path jar = jar(Map.of(POM, "<project/>", PROPERTIES, "groupId=com.acme\nartifactId=ocr\nversion=1.2\n"));

        EmbeddedPom pom = EmbeddedPom.of(jar).orElseThrow();

        assertThat(pom.coordinates()).isEqualTo("com.acme:ocr:1.2");
        assertThat(pom.content()).isEqualTo("<project/>");
        assertThat(pom.describe()).isEqualTo("the POM " + POM + " in " + jar);
    }

    @Test
    void aJarWithoutAPomOrWithSeveralHasNone() throws Exception {
        assertThat(EmbeddedPom.of(jar(Map.of("a/B.class", "")))).isEmpty();
        assertThat(EmbeddedPom.of(jar(Map.of(
                        POM,
                        "<project/>",
                        PROPERTIES,
                        "groupId=com.acme\nartifactId=ocr\nversion=1.2\n",
                        "META-INF/maven/com.google.guava/guava/pom.xml",
                        "<project/>"))))
                .isEmpty();
        assertThat(EmbeddedPom.of(Files.createDirectories(tmp.resolve("classes"))))
                .isEmpty();
    }

    @Test
    void aPomWithoutPropertiesIsRefusedNamingTheEntryAndTheJar() throws Exception {
        Path jar = jar(Map.of(POM, "<project/>"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedPom.of(jar));

        assertThat(e).hasMessageThat().startsWith("the POM " + POM + " in " + jar + " has no " + PROPERTIES);
    }

    @Test
    void propertiesThatNameNoCoordinatesAreRefused() throws Exception {
        Path jar = jar(Map.of(POM, "<project/>", PROPERTIES, "groupId=com.acme\nartifactId=ocr\n"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedPom.of(jar));

        assertThat(e).hasMessageThat().contains(PROPERTIES + " does not name its coordinates");
    }
}
