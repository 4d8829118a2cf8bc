package dev.isolate4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process's view of a shared buffer: accessors, views, bounds, ownership. */
class SharedBufferUnitTest {
    @Test
    void typedAccessorsReadWhatWasWritten() {
        try (SharedBuffer buffer = SharedBuffer.allocate(64)) {
            buffer.putInt(1, 42);
            buffer.putLong(2, -7L);
            buffer.putFloat(6, 1.5f);
            buffer.putDouble(4, Math.PI);
            buffer.putByte(63, (byte) 5);

            assertThat(buffer.getInt(1)).isEqualTo(42);
            assertThat(buffer.getLong(2)).isEqualTo(-7L);
            assertThat(buffer.getFloat(6)).isEqualTo(1.5f);
            assertThat(buffer.getDouble(4)).isEqualTo(Math.PI);
            assertThat(buffer.getByte(63)).isEqualTo(5);
            assertThat(buffer.ints(1, 1).get(0)).isEqualTo(42);
            assertThat(buffer.doubles(4, 1).get(0)).isEqualTo(Math.PI);
        }
    }

    @Test
    void readOnlyViewRefusesWrites() {
        try (SharedBuffer buffer = SharedBuffer.allocate(16)) {
            SharedBuffer view = buffer.asReadOnly();

            assertThat(view.isReadOnly()).isTrue();
            assertThrows(ReadOnlyBufferException.class, () -> view.putByte(0, (byte) 1));
            assertThrows(ReadOnlyBufferException.class, () -> view.longs(0, 1).put(0, 1L));
        }
    }

    @Test
    void accessOutsideTheBufferNamesTheOffset() {
        try (SharedBuffer buffer = SharedBuffer.allocate(16)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> buffer.getLong(2));

            assertThat(e).hasMessageThat().contains("byte 16 is outside this 16-byte buffer");
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.bytes(8, 16));
        }
    }

    @Test
    void sizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedBuffer.allocate(0));

        assertThat(e).hasMessageThat().contains("size must be positive, was 0");
    }

    @Test
    void ownerCloseRemovesTheFileButViewsDoNot() {
        SharedBuffer buffer = SharedBuffer.allocate(16);
        buffer.asReadOnly().close();
        assertThat(Files.exists(buffer.file())).isTrue();

        buffer.close();

        assertThat(Files.exists(buffer.file())).isFalse();
    }

    @Test
    void attachRefusesFilesThatAreNotSharedBuffers(@TempDir Path tmp) throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for extensions");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SharedBuffer.attach(secret, 18, true));

        assertThat(e).hasMessageThat().contains("is not a shared buffer file");
    }

    @Test
    void attachingAgainReusesTheMappingButAFileMadeAgainIsMappedAfresh() throws Exception {
        Path file;
        try (SharedBuffer original = SharedBuffer.allocate(16)) {
            original.putLong(0, 7);
            file = original.file();
            SharedBuffer first = SharedBuffer.attach(file, 16, true);
            SharedBuffer second = SharedBuffer.attach(file, 16, true);
            original.putLong(0, 8);
            assertThat(first.getLong(0)).isEqualTo(8);
            assertThat(second.getLong(0)).isEqualTo(8);
        }
        // The owner closed it; another file now has the same name (a reused pid could do this).
        Files.write(file, new byte[] {42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        try {
            SharedBuffer again = SharedBuffer.attach(file, 16, true);
            assertThat(again.getByte(0)).isEqualTo((byte) 42);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
