package dev.isolate4j.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing on paths that clean up, where a failure to close must not hide what went before. */
public final class Closeables {
    private static final Logger log = LoggerFactory.getLogger(Closeables.class);

    private Closeables() {}

    /**
     * Closes {@code closeable}, if any, logging at DEBUG rather than throwing.
     *
     * @param closeable what to close, or {@code null}
     */
    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {}", closeable, e);
        }
    }
}
