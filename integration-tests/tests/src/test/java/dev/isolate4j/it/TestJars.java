package dev.isolate4j.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Jars the tests make from a fixture jar: its classes, with entries of their own instead of Maven's POM. */
final class TestJars {
    private TestJars() {}

    /**
     * Copies {@code source} to {@code target} without its {@code META-INF/maven/} entries, adding
     * {@code entries} (name to text).
     */
    static Path withEntries(Path source, Path target, Map<String, String> entries) throws IOException {
        Files.createDirectories(target.getParent());
        try (ZipFile in = new ZipFile(source.toFile());
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> all = in.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.getName().startsWith("META-INF/maven/") || entries.containsKey(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return target;
    }
}
