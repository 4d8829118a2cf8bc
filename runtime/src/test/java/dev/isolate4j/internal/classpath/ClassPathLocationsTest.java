package dev.isolate4j.internal.classpath;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathLocationsTest {
    @TempDir
    Path tmp;

    Path cache;
    ClassPathLocations locations;
    Path bootJar;
    byte[] library;

    @BeforeEach
    void aSpringBootJar() throws IOException {
        cache = tmp.resolve("cache");
        locations = new ClassPathLocations(new NestedJars(cache));
        library = zip(Map.of("com/example/Library.class", "library bytes"));
        bootJar = tmp.resolve("app dir/app.jar");
        Files.createDirectories(bootJar.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bootJar))) {
            stored(out, "BOOT-INF/lib/library-1.0.jar", library);
            deflated(out, "BOOT-INF/classes/com/example/App.class", "app bytes");
            deflated(out, "BOOT-INF/classes/application.properties", "name=app");
            deflated(out, "org/springframework/boot/loader/launch/JarLauncher.class", "loader");
        }
    }

    @Test
    void aNestedJarIsWrittenOutWhole() throws Exception {
        Path jar = locations
                .toPath(url("nested:" + bootJar.toString().replace(" ", "%20") + "/!BOOT-INF/lib/library-1.0.jar!/"))
                .orElseThrow();

        assertThat(jar.getFileName().toString()).isEqualTo("library-1.0.jar");
        assertThat(jar.startsWith(cache)).isTrue();
        assertThat(Files.readAllBytes(jar)).isEqualTo(library);
    }

    @Test
    void theNestedClassesDirectoryIsWrittenOutAsADirectory() throws Exception {
        Path classes = locations
                .toPath(url("nested:" + bootJar + "/!BOOT-INF/classes/!/"))
                .orElseThrow();

        assertThat(classes.getFileName().toString()).isEqualTo("classes");
        assertThat(Files.readString(classes.resolve("com/example/App.class"))).isEqualTo("app bytes");
        assertThat(Files.readString(classes.resolve("application.properties"))).isEqualTo("name=app");
        assertThat(Files.exists(classes.resolve("org"))).isFalse();
    }

    @Test
    void theOlderSpringBootFormIsReadToo() throws Exception {
        Path jar = locations
                .toPath(url("file:" + bootJar + "!/BOOT-INF/lib/library-1.0.jar!/"))
                .orElseThrow();

        assertThat(Files.readAllBytes(jar)).isEqualTo(library);
    }

    @Test
    void theSameContentIsWrittenOnceAndReused() throws Exception {
        URL location = url("nested:" + bootJar + "/!BOOT-INF/lib/library-1.0.jar!/");
        Path first = locations.toPath(location).orElseThrow();
        long written = Files.getLastModifiedTime(first).toMillis();

        Path again =
                new ClassPathLocations(new NestedJars(cache)).toPath(location).orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(written);
        try (var left = Files.list(cache)) {
            assertThat(left.filter(path -> path.getFileName().toString().startsWith("."))
                            .toList())
                    .isEmpty();
        }
    }

    @Test
    void changedContentGetsADirectoryOfItsOwn() throws Exception {
        URL location = url("nested:" + bootJar + "/!BOOT-INF/lib/library-1.0.jar!/");
        Path before = locations.toPath(location).orElseThrow();
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bootJar))) {
            stored(out, "BOOT-INF/lib/library-1.0.jar", zip(Map.of("com/example/Library.class", "rebuilt")));
        }

        Path after = locations.toPath(location).orElseThrow();

        assertThat(after).isNotEqualTo(before);
        assertThat(Files.readAllBytes(before)).isEqualTo(library);
    }

    @Test
    void aPlainJarUrlIsTheJarItself() throws Exception {
        assertThat(locations.toPath(new URL("jar:" + bootJar.toUri() + "!/")).orElseThrow())
                .isEqualTo(bootJar);
    }

    @Test
    void aFileUrlIsItsFileAndAMissingOneIsSkipped() throws Exception {
        assertThat(locations.toPath(bootJar.toUri().toURL()).orElseThrow()).isEqualTo(bootJar);
        assertThat(locations.toPath(tmp.resolve("gone.jar").toUri().toURL())).isEmpty();
    }

    @Test
    void anyOtherLocationIsAnErrorThatNamesIt() throws Exception {
        URL remote = new URL("https://example.com/lib.jar");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> locations.toPath(remote));
        assertThat(error).hasMessageThat().contains("https://example.com/lib.jar");
        assertThat(error).hasMessageThat().contains("it takes files, directories and jars nested in a jar");

        URL missingEntry = url("nested:" + bootJar + "/!BOOT-INF/lib/absent.jar!/");
        error = assertThrows(IllegalStateException.class, () -> locations.toPath(missingEntry));
        assertThat(error).hasMessageThat().contains("BOOT-INF/lib/absent.jar");
    }

    @Test
    void aClassPathEntryThatIsNeitherFileNorDirectoryIsAnError() {
        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> ClassPathLocations.plain(Path.of("/dev/null"), "/dev/null"));
        assertThat(error).hasMessageThat().contains("/dev/null");
    }

    @Test
    void whatNoHostUsedFor30DaysIsRemovedAndAReusedJarIsKept() throws Exception {
        NestedJars jars = new NestedJars(cache);
        Path reused = locations
                .toPath(url("nested:" + bootJar + "/!BOOT-INF/lib/library-1.0.jar!/"))
                .orElseThrow();
        Path stale = locations
                .toPath(url("nested:" + bootJar + "/!BOOT-INF/classes/!/"))
                .orElseThrow();
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(31)));
        Files.setLastModifiedTime(reused.getParent(), longAgo);
        Files.setLastModifiedTime(stale.getParent(), longAgo);
        locations.toPath(url("nested:" + bootJar + "/!BOOT-INF/lib/library-1.0.jar!/")); // a later host

        assertThat(jars.removeUnused(Duration.ofDays(30))).isEqualTo(1);

        assertThat(Files.exists(reused)).isTrue();
        assertThat(Files.exists(stale.getParent())).isFalse();
    }

    /** A {@code jar:} URL as Spring Boot's handler makes them; the JDK alone would not parse it. */
    private static URL url(String jarFile) throws IOException {
        return new URL("jar", "", -1, jarFile, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                throw new UnsupportedOperationException("never opened");
            }
        });
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                deflated(out, entry.getKey(), entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void deflated(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** Spring Boot stores nested jars uncompressed. */
    private static void stored(ZipOutputStream out, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }
}
