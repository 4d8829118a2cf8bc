package dev.isolate4j.internal.protocol;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The THREAD_DUMP body, child to host: every thread of the child with its state, the locks it holds
 * and waits for, and its whole stack, as UTF-8 text in the format of {@code jstack}'s lines.
 */
public final class ThreadDump {
    /** Bounds the answer, so that it fits in any frame: a dump of thousands of threads is cut. */
    private static final int MAX_CHARS = 4 * 1024 * 1024;

    private ThreadDump() {}

    /** {@return this JVM's threads, encoded} */
    public static ByteBuffer current() {
        StringBuilder text = new StringBuilder();
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        for (ThreadInfo thread : threads) {
            appendThread(text, thread);
            if (text.length() > MAX_CHARS) {
                text.setLength(MAX_CHARS);
                text.append("\n... (cut: ").append(threads.length).append(" threads in all)\n");
                break;
            }
        }
        return StandardCharsets.UTF_8.encode(text.toString());
    }

    /** {@return the text that {@link #current()} encoded} */
    public static String decode(ByteBuffer body) {
        return StandardCharsets.UTF_8.decode(body.duplicate()).toString();
    }

    /** Like {@code ThreadInfo.toString()}, which cuts every stack at eight frames. */
    private static void appendThread(StringBuilder text, ThreadInfo thread) {
        text.append('"').append(thread.getThreadName()).append('"');
        if (thread.isDaemon()) {
            text.append(" daemon");
        }
        text.append(" tid=").append(thread.getThreadId()).append(' ').append(thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        text.append('\n');
        StackTraceElement[] frames = thread.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            text.append("\tat ").append(frames[i]).append('\n');
            for (var monitor : thread.getLockedMonitors()) {
                if (monitor.getLockedStackDepth() == i) {
                    text.append("\t- locked ").append(monitor).append('\n');
                }
            }
        }
        text.append('\n');
    }
}
