package dev.isolate4j.internal.framing;

import java.io.IOException;

/** The bytes on the wire do not form a valid frame; the connection cannot go on. */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the frame
     */
    public FrameException(String message) {
        super(message);
    }
}
