package dev.isolate4j.internal.framing;

import java.io.IOException;

/** The bytes on the wire do not form a valid frame; the connection cannot go on. */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
