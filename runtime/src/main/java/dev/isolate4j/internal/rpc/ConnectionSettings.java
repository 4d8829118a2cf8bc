package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.framing.BodyAdmission;
import dev.isolate4j.internal.framing.SegmentBoxes;
import java.time.Duration;

/**
 * Limits of one connection, and which side of it this is.
 *
 * @param maxFrameBytes the largest frame accepted, checked before anything is allocated
 * @param callTimeout the default timeout of calls made through this connection's proxies
 * @param maxCallsInProgress how many of the peer's calls this side serves at once (each blocking
 *     one holds a worker thread); calls beyond it are refused with an error, so that a flooding
 *     peer cannot exhaust the host's threads
 * @param bodyAdmission whether this side has room to read a large frame ({@link
 *     dev.isolate4j.internal.framing.HeapRoom}); a refused frame fails its call alone
 * @param servesCalls whether this is the side that serves calls (a child): its reading thread then
 *     polls briefly for the peer's next frame while they come back to back ({@link NextFramePoll})
 * @param segments where large segments cross outside the socket ({@code
 *     dev.isolate4j.internal.sharedmemory.SegmentAreas}), or {@link SegmentBoxes#NONE}
 */
public record ConnectionSettings(
        int maxFrameBytes,
        Duration callTimeout,
        int maxCallsInProgress,
        BodyAdmission bodyAdmission,
        boolean servesCalls,
        SegmentBoxes segments) {
    /**
     * Default {@link #maxCallsInProgress}: far above any legitimate nesting or fan-out (a benchmark
     * keeps 64 in flight), far below what exhausts a machine's threads.
     */
    public static final int DEFAULT_MAX_CALLS_IN_PROGRESS = 10_000;

    /**
     * Checks {@code maxCallsInProgress}.
     *
     * @param maxFrameBytes see {@link #maxFrameBytes()}
     * @param callTimeout see {@link #callTimeout()}
     * @param maxCallsInProgress see {@link #maxCallsInProgress()}
     * @param bodyAdmission see {@link #bodyAdmission()}
     * @param servesCalls see {@link #servesCalls()}
     * @param segments see {@link #segments()}
     * @throws IllegalArgumentException when {@code maxCallsInProgress} is not positive
     */
    public ConnectionSettings {
        if (maxCallsInProgress < 1) {
            throw new IllegalArgumentException("maxCallsInProgress must be positive, was " + maxCallsInProgress);
        }
    }

    /**
     * Settings of a side that mostly makes calls (a host).
     *
     * @param maxFrameBytes see {@link #maxFrameBytes()}
     * @param callTimeout see {@link #callTimeout()}
     * @param maxCallsInProgress see {@link #maxCallsInProgress()}
     * @param bodyAdmission see {@link #bodyAdmission()}
     */
    public ConnectionSettings(
            int maxFrameBytes, Duration callTimeout, int maxCallsInProgress, BodyAdmission bodyAdmission) {
        this(maxFrameBytes, callTimeout, maxCallsInProgress, bodyAdmission, false, SegmentBoxes.NONE);
    }

    /** {@return the same settings for the side that serves calls (see {@link #servesCalls()})} */
    public ConnectionSettings servingCalls() {
        return new ConnectionSettings(maxFrameBytes, callTimeout, maxCallsInProgress, bodyAdmission, true, segments);
    }

    /**
     * The same settings, with large segments crossing through {@code segments}.
     *
     * @param segments see {@link #segments()}
     * @return the settings
     */
    public ConnectionSettings withSegments(SegmentBoxes segments) {
        return new ConnectionSettings(
                maxFrameBytes, callTimeout, maxCallsInProgress, bodyAdmission, servesCalls, segments);
    }

    /**
     * Settings that admit every body, with the given {@link #maxCallsInProgress}.
     *
     * @param maxFrameBytes see {@link #maxFrameBytes()}
     * @param callTimeout see {@link #callTimeout()}
     * @param maxCallsInProgress see {@link #maxCallsInProgress()}
     */
    public ConnectionSettings(int maxFrameBytes, Duration callTimeout, int maxCallsInProgress) {
        this(maxFrameBytes, callTimeout, maxCallsInProgress, BodyAdmission.ALL);
    }

    /**
     * Settings with the default {@link #maxCallsInProgress}.
     *
     * @param maxFrameBytes see {@link #maxFrameBytes()}
     * @param callTimeout see {@link #callTimeout()}
     * @param bodyAdmission see {@link #bodyAdmission()}
     */
    public ConnectionSettings(int maxFrameBytes, Duration callTimeout, BodyAdmission bodyAdmission) {
        this(maxFrameBytes, callTimeout, DEFAULT_MAX_CALLS_IN_PROGRESS, bodyAdmission);
    }

    /**
     * Settings with the default {@link #maxCallsInProgress}, admitting every body.
     *
     * @param maxFrameBytes see {@link #maxFrameBytes()}
     * @param callTimeout see {@link #callTimeout()}
     */
    public ConnectionSettings(int maxFrameBytes, Duration callTimeout) {
        this(maxFrameBytes, callTimeout, DEFAULT_MAX_CALLS_IN_PROGRESS, BodyAdmission.ALL);
    }
}
