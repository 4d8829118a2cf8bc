package dev.isolate4j.internal.rpc;

/**
 * An opt-in record of when each stage of a call happened, for finding where a small call's
 * microseconds go: {@code -Disolate4j.callTiming=true} on the host and on the child. Internal, for
 * the benchmark harness; not an API.
 *
 * <p>Why this shape: both processes stamp {@link System#nanoTime()}, which on Linux reads the one
 * monotonic clock of the machine, so a host's stamp and its child's compare directly. Each process
 * writes its stamps into a table indexed by call id (a slot per call id modulo {@link #CALLS}); the
 * harness reads its own and asks the child for the child's, and joins them by call id. Stamps of a
 * call this side makes and of a call this side serves go to different columns. The table is
 * written without synchronization and read after the calls: figures for one connection at a time,
 * taken by the harness, not a monitor.
 *
 * <p>Off (the default) it costs nothing: {@link #ON} is a constant the JIT folds, and every stamp
 * is behind it.
 */
public final class CallTiming {
    /** Whether stages are stamped; read once, at class initialization. */
    public static final boolean ON = Boolean.getBoolean("isolate4j.callTiming");

    /** The caller entered the runtime (after the generated proxy packed the arguments). */
    public static final int CALLER_ENTERED = 0;
    /** Arguments and header encoded. */
    public static final int CALLER_ENCODED = 1;
    /** The CALL frame written to the socket. */
    public static final int CALLER_WRITTEN = 2;
    /** The RESULT frame read by this side's reading thread. */
    public static final int RESULT_READ = 3;
    /** The result decoded. */
    public static final int RESULT_DECODED = 4;
    /** The reading thread is about to complete the caller's future. */
    public static final int RESULT_COMPLETING = 5;
    /** The caller's thread saw its result. */
    public static final int CALLER_WOKE = 6;
    /** The serving side read the CALL frame. */
    public static final int SERVER_READ = 7;
    /** The serving side decoded the header and arguments. */
    public static final int SERVER_DECODED = 8;
    /** The method returned. */
    public static final int SERVER_DISPATCHED = 9;
    /** The result encoded. */
    public static final int SERVER_ENCODED = 10;
    /** The RESULT frame written to the socket. */
    public static final int SERVER_WRITTEN = 11;

    /** Stamps per call. */
    public static final int STAGES = 12;

    /** Calls the table holds; call ids wrap around it. */
    public static final int CALLS = 1 << 15;

    private static final long[] TABLE = ON ? new long[CALLS * STAGES] : null;

    /** The id of the last call this process made, for a caller that wants its call's stamps. */
    private static volatile long lastCallId;

    private CallTiming() {}

    static void stamp(long callId, int stage) {
        if (ON) {
            stamp(callId, stage, System.nanoTime());
        }
    }

    static void stamp(long callId, int stage, long nanos) {
        if (ON) {
            TABLE[index(callId, stage)] = nanos;
            if (stage == CALLER_ENTERED) {
                lastCallId = callId;
            }
        }
    }

    /** {@return the id of the last call this process made; 0 when timing is off} */
    public static long lastCallId() {
        return lastCallId;
    }

    /**
     * A copy of this process's table: stage {@code s} of call id {@code c} at {@code [(c % CALLS) *
     * STAGES + s]}, 0 where nothing was stamped.
     *
     * @return the copy; empty when timing is off
     */
    public static long[] table() {
        return ON ? TABLE.clone() : new long[0];
    }

    /**
     * Where stage {@code stage} of call {@code callId} lies in {@link #table()}.
     *
     * @param callId the call's id
     * @param stage one of the stage constants
     * @return the index
     */
    public static int index(long callId, int stage) {
        return (int) (callId & (CALLS - 1)) * STAGES + stage;
    }
}
