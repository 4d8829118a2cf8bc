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
 *
 * <p>Public, and visible to an isolated extension's class loader, because the SLF4J bridge that
 * loader defines for the extension's own SLF4J ({@link ExtensionSlf4j}) calls it.
 */
public final class HostLog {
    static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};

    /**
     * The system property that carries the least severe level the host logs (a name of {@link
     * #LEVELS}), chosen by the host from its root logger: events below it are not sent at all.
     */
    public static final String THRESHOLD_PROPERTY = "isolate4j.log.threshold";

    private static final int THRESHOLD = threshold(System.getProperty(THRESHOLD_PROPERTY));

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

    /**
     * {@return whether events of {@code level} reach the host}
     *
     * @param level 0 (TRACE) to 4 (ERROR)
     */
    public static boolean enabled(int level) {
        return level >= THRESHOLD;
    }

    /**
     * Sends one event, if its level is enabled.
     *
     * @param level 0 (TRACE) to 4 (ERROR)
     * @param logger the logger's name
     * @param message the formatted message
     * @param mdc the logging thread's diagnostic context
     * @param error the event's throwable, or null
     */
    public static void log(int level, String logger, String message, Map<String, String> mdc, Throwable error) {
        if (!enabled(level)) {
            return;
        }
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

    /** INFO unless the host named another level. */
    static int threshold(String name) {
        for (int level = 0; level < LEVELS.length; level++) {
            if (LEVELS[level].equals(name)) {
                return level;
            }
        }
        return 2;
    }
}
