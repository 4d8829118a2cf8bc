package dev.isolate4j.internal.child.logging;

import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.protocol.LogEvent;
import dev.isolate4j.internal.protocol.RemoteErrors;
import dev.isolate4j.internal.rpc.RpcConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * Where the child's log events go: to the host, as LOG frames, once the child is connected; to its
 * stderr before that and after, which the host reads as lines of output. One per child JVM.
 */
public final class HostLog {
    static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};

    private static volatile RpcConnection connection;

    /** Kept from before anyone could replace it: the fallback must not loop through a redirect. */
    private static final PrintStream STDERR = System.err;

    private HostLog() {}

    /**
     * Sends the events to the host from now on.
     *
     * @param host the child's connection
     */
    public static void connect(RpcConnection host) {
        connection = host;
    }

    static void log(int level, String logger, String message, Map<String, String> mdc, Throwable error) {
        RpcConnection current = connection;
        String thread = Thread.currentThread().getName();
        if (current != null && current.isOpen()) {
            LogEvent event = new LogEvent(
                    level, logger, message, thread, mdc, error == null ? null : RemoteErrors.encode(error));
            try {
                current.sendControl(FrameType.LOG, 0, event.encode());
                return;
            } catch (IOException | RuntimeException e) {
                // the host is going: the line below still reaches its output pump, if anything does
            }
        }
        STDERR.println("[" + thread + "] " + LEVELS[level] + " " + logger + " - " + message);
        if (error != null) {
            error.printStackTrace(STDERR);
        }
    }
}
