package dev.isolate4j.resolver;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.resolver.internal.packtest.PackedFirst;
import dev.isolate4j.resolver.internal.packtest.PackedSecond;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loader of the resolver's packed classes: it defines the internal classes itself, from the
 * resource the build writes (the format of {@code src/build/java/PackClasses.java}), keeps their
 * bytes only while a resolution runs, and reads them again for a class first needed later.
 */
class PackedClassesTest {
    private static final List<Class<?>> PACKED = List.of(PackedFirst.class, PackedSecond.class);

    private final byte[] pack = pack(PACKED);
    private final AtomicInteger reads = new AtomicInteger();

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

    /** The classes in the resource's format: header, index of names and lengths, then the bytes. */
    private static byte[] pack(List<Class<?>> classes) {
        try {
            ByteArrayOutputStream index = new ByteArrayOutputStream();
            DataOutputStream indexOut = new DataOutputStream(index);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (Class<?> type : classes) {
                byte[] bytes = classFile(type);
                indexOut.writeUTF(type.getName());
                indexOut.writeInt(bytes.length);
                data.write(bytes);
            }
            ByteArrayOutputStream pack = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(pack);
            out.writeInt(PackedClasses.MAGIC);
            out.writeInt(PackedClasses.VERSION);
            out.writeInt(classes.size());
            index.writeTo(out);
            data.writeTo(out);
            return pack.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
