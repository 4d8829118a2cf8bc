package dev.isolate4j.internal.sharedmemory;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mappings this process made of shared buffers it received, reused when the same buffer comes
 * again: mapping a file costs about 100 µs, most of a {@code SharedBuffer} pass.
 *
 * <p>A mapping is reused only while something in this process still holds it (the cache holds it
 * weakly: it never keeps a buffer's memory alive after its owner deleted the file), and only for the
 * same file, by identity ({@code fileKey}, the inode), so that a file created again under the same
 * name is mapped afresh.
 */
public final class AttachedMappings {
    private record Key(Path file, long size, boolean readOnly) {}

    private record Mapping(Object fileKey, WeakReference<ByteBuffer[]> chunks) {}

    /** Past this many entries, the ones whose mappings were collected are dropped. */
    private static final int PRUNE_ABOVE = 256;

    private static final Map<Key, Mapping> MAPPINGS = new ConcurrentHashMap<>();

    private AttachedMappings() {}

    /**
     * {@return the chunks of a live mapping of this very file, or {@code null}}
     *
     * @param file the buffer's file
     * @param fileKey the file's identity now, from its attributes
     * @param size the buffer's size
     * @param readOnly whether the mapping is read-only
     */
    public static ByteBuffer[] find(Path file, Object fileKey, long size, boolean readOnly) {
        Mapping mapping = MAPPINGS.get(new Key(file, size, readOnly));
        if (mapping == null || fileKey == null || !Objects.equals(mapping.fileKey(), fileKey)) {
            return null;
        }
        return mapping.chunks().get();
    }

    /**
     * Remembers a new mapping.
     *
     * @param file the buffer's file
     * @param fileKey the file's identity, from its attributes; nothing is kept without one
     * @param size the buffer's size
     * @param readOnly whether the mapping is read-only
     * @param chunks the mapping
     */
    public static void remember(Path file, Object fileKey, long size, boolean readOnly, ByteBuffer[] chunks) {
        if (fileKey == null) {
            return;
        }
        if (MAPPINGS.size() > PRUNE_ABOVE) {
            MAPPINGS.values().removeIf(mapping -> mapping.chunks().get() == null);
        }
        MAPPINGS.put(new Key(file, size, readOnly), new Mapping(fileKey, new WeakReference<>(chunks)));
    }
}
