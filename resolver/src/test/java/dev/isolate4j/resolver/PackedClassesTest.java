package dev.isolate4j.resolver;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.resolver.internal.packtest.PackedFirst;
import dev.isolate4j.resolver.internal.packtest.PackedSecond;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader of the resolver's packed classes: it defines the internal classes itself, from the
 * resource the build step {@code src/build/java/PackClasses.java} writes (run here on a jar of two
 * classes, so that the two sides of the format are tried together), keeps their bytes only while a
 * resolution runs, and reads them again for a class first needed later.
 */
class PackedClassesTest {
    private static final List<Class<?>> PACKED = List.of(PackedFirst.class, PackedSecond.class);

    private static final String PACKED_RESOURCE = "dev/isolate4j/resolver/" + PackedClasses.RESOURCE;

    @TempDir
    static Path tmp;

    private static byte[] pack;

    private final AtomicInteger reads = new AtomicInteger();

    /** The build step's resource, of a jar that held the two classes and a file beside them. */
    @BeforeAll
    static void packWithTheBuildStep() throws Exception {
        Path jar = tmp.resolve("internal.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("META-INF/notice.txt"));
            out.write("kept".getBytes(StandardCharsets.UTF_8));
            for (Class<?> type : PACKED) {
                out.putNextEntry(new ZipEntry(type.getName().replace('.', '/') + ".class"));
                out.write(classFile(type));
            }
        }
        Process packer = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        Path.of("src", "build", "java", "PackClasses.java").toString(),
                        jar.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(packer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertWithMessage(output).that(packer.waitFor()).isEqualTo(0);

        try (ZipFile packed = new ZipFile(jar.toFile())) {
            assertThat(packed.stream().map(ZipEntry::getName).toList())
                    .containsExactly("META-INF/notice.txt", PACKED_RESOURCE)
                    .inOrder();
            try (InputStream in = packed.getInputStream(packed.getEntry(PACKED_RESOURCE))) {
                pack = in.readAllBytes();
            }
        }
    }

    @Test
    void definesTheInternalClassesItselfAndLeavesTheOthersToItsParent() throws Exception {
        PackedClasses loader = open();

        Class<?> first = loader.loadClass(PackedFirst.class.getName());

        assertThat(first.getClassLoader()).isSameInstanceAs(loader);
        assertThat(first).isNotSameInstanceAs(PackedFirst.class);
        assertThat(first.getMethod("word").invoke(null)).isEqualTo("first");
        assertThat(loader.loadClass(PackedClassesTest.class.getName())).isSameInstanceAs(PackedClassesTest.class);
        assertThat(loader.loadClass("java.lang.String")).isSameInstanceAs(String.class);
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.isolate4j.resolver.internal.Missing"));
    }

    @Test
    void aClassFirstNeededAfterTheLastResolutionReadsTheResourceAgain() throws Exception {
        PackedClasses loader = open();
        loader.loadClass(PackedFirst.class.getName());
        loader.pin();
        loader.unpin(); // no resolution runs now: the bytes are held weakly

        collectGarbage();
        Class<?> second = loader.loadClass(PackedSecond.class.getName());

        assertThat(second.getClassLoader()).isSameInstanceAs(loader);
        assertThat(second.getMethod("word").invoke(null)).isEqualTo("second");
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void whileAResolutionRunsTheBytesStay() throws Exception {
        PackedClasses loader = open();
        loader.pin();
        try {
            collectGarbage();
            loader.loadClass(PackedSecond.class.getName());
        } finally {
            loader.unpin();
        }

        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aResourceOfAnotherFormatIsRefusedWithAMessageThatSaysSo() {
        IOException e = assertThrows(
                IOException.class,
                () -> PackedClasses.open(() -> new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 0, 0, 0, 1}), null));

        assertThat(e).hasMessageThat().contains("internal.classes");
        assertThat(e).hasMessageThat().contains("not of format 1");
    }

    @Test
    void noResourceMeansNoLoader() throws Exception {
        assertThat(PackedClasses.open(() -> null, getClass().getClassLoader())).isNull();
    }

    private PackedClasses open() throws IOException {
        return PackedClasses.open(
                () -> {
                    reads.incrementAndGet();
                    return new ByteArrayInputStream(pack);
                },
                getClass().getClassLoader());
    }

    /** Collects until an object only weakly held is gone, and with it the loader's unpinned bytes. */
    private static void collectGarbage() throws InterruptedException {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        for (int i = 0; i < 100 && canary.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(canary.get()).isNull();
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
