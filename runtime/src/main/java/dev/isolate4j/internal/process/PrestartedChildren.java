package dev.isolate4j.internal.process;

import dev.isolate4j.internal.DaemonThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manager's prestarted children: {@code count} started JVMs of one {@link ChildShape} that hold no
 * extension yet. A launch of that shape {@linkplain #take takes} one; a replacement starts in the
 * background once that launch is done ({@link #replaceSoon()}), so that the next launch finds one
 * too.
 *
 * <p>Locking: {@code this} guards {@link #waiting}, {@link #starting} and {@link #closed}; it is
 * never held with another lock. No process
 * is started or ended under it: starts run on {@link #starter}, ends after the lock is released.
 *
 * <pre>{@code
 * PrestartedChildren prestarted = new PrestartedChildren(2, shape, s -> PrestartedChild.start(s, ...));
 * prestarted.fill();                       // starts two in the background
 * PrestartedChild child = prestarted.take(launchShape, "ocr"); // null when none matches
 * prestarted.replaceSoon();                // once the launch is done: its replacement
 * prestarted.close().join();               // ends those nobody took
 * }</pre>
 */
final class PrestartedChildren {
    private static final Logger log = LoggerFactory.getLogger(PrestartedChildren.class);

    /** Starts one child of a shape. */
    interface Starter {
        PrestartedChild start(ChildShape shape) throws IOException;
    }

    /** How long a launch that took a child has for its first call before the replacement starts. */
    static final long REPLACEMENT_DELAY_MILLIS = 250;

    private final int count;
    private final ChildShape shape;
    private final Starter start;
    /**
     * One thread: children start one after another, never competing with a load for the CPUs. It
     * also waits out the replacement delay: the JDK's common pool, where {@code
     * CompletableFuture.delayedExecutor} would run the replacement, may be the application's and
     * busy.
     */
    private final ScheduledExecutorService starter;

    /** Guarded by this: started children nobody took, oldest first. */
    private final List<PrestartedChild> waiting = new ArrayList<>();
    /** Guarded by this: starts submitted and not yet done. */
    private int starting;
    /** Guarded by this: once set, nothing starts and nothing is taken. */
    private boolean closed;
    /** Completes once {@link #close()} ended every child. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** Whether a load that none fits has been reported: once is enough. */
    private final AtomicBoolean mismatchReported = new AtomicBoolean();

    PrestartedChildren(int count, ChildShape shape, Starter start) {
        this.count = count;
        this.shape = shape;
        this.start = start;
        this.starter = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("isolate4j-prestart"));
    }

    /** Starts, in the background, as many children as are missing. */
    void fill() {
        int missing;
        List<PrestartedChild> dead = new ArrayList<>();
        synchronized (this) {
            waiting.stream().filter(child -> !child.isAlive()).forEach(dead::add);
            waiting.removeAll(dead); // died while waiting: replaced below
            missing = closed ? 0 : count - waiting.size() - starting;
            starting += Math.max(0, missing);
        }
        dead.forEach(child -> child.discardExited("a replacement starts"));
        for (int i = 0; i < missing; i++) {
            try {
                starter.execute(this::startOne);
            } catch (RejectedExecutionException e) { // closed meanwhile
                synchronized (this) {
                    starting--;
                }
            }
        }
    }

    private void startOne() {
        synchronized (this) {
            if (closed) {
                starting--;
                return;
            }
        }
        PrestartedChild child = null;
        try {
            child = start.start(shape);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot prestart a child JVM; loads start their own: {}", e.toString());
        }
        boolean keep;
        synchronized (this) {
            starting--;
            keep = child != null && !closed;
            if (keep) {
                waiting.add(child);
            }
        }
        if (child != null && !keep) {
            child.discard().join(); // the manager closed while it started: close() waits for this
        }
    }

    /** {@return whether a child of {@code wanted}'s shape waits now} */
    synchronized boolean hasWaiting(ChildShape wanted) {
        return !closed && shape.equals(wanted) && !waiting.isEmpty();
    }

    /**
     * Takes a waiting child of {@code wanted}'s shape. Its replacement starts when the launch that
     * took it calls {@link #replaceSoon()}.
     *
     * @param wanted the shape of the launch
     * @param extension the name of the extension launched, for the message that says why none fits
     * @return the child, alive when taken; {@code null} when none of that shape waits
     */
    PrestartedChild take(ChildShape wanted, String extension) {
        if (!shape.equals(wanted)) {
            reportMismatch(wanted, extension);
            return null;
        }
        PrestartedChild taken = null;
        List<PrestartedChild> dead = new ArrayList<>();
        synchronized (this) {
            while (!closed && !waiting.isEmpty() && taken == null) {
                PrestartedChild child = waiting.remove(0);
                if (child.isAlive()) {
                    taken = child;
                } else {
                    dead.add(child);
                }
            }
        }
        String instead = taken != null ? "the load takes another" : "the load starts its own";
        dead.forEach(child -> child.discardExited(instead));
        return taken;
    }

    /**
     * Says, once per manager, why a load starts its own child where the user asked for prestarted
     * ones: a load configured otherwise than they are (another {@code javaHome}, {@code maxHeap} or
     * sandbox) silently gains nothing from them otherwise.
     */
    private void reportMismatch(ChildShape wanted, String extension) {
        if (mismatchReported.compareAndSet(false, true)) {
            log.info(
                    "extension '{}' starts a child of its own: the manager's prestarted children do not fit it, as it"
                            + " has {}; to have them fit, create the manager with"
                            + " ExtensionManagerConfig.Builder.prestartedChildren(n, like), like an extension"
                            + " configured as this one (said once per manager)",
                    extension,
                    shape.firstDifference(wanted).orElse("another JVM"));
        }
    }

    /**
     * Starts, {@value #REPLACEMENT_DELAY_MILLIS} ms from now, the children a launch took or found
     * dead: after the launch's first call, rather than beside it. Measured with one spare on two
     * CPUs: a replacement started at once made the load that took the spare 60 to 220 ms instead
     * of its tens.
     */
    void replaceSoon() {
        try {
            starter.schedule(this::fill, REPLACEMENT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing is replaced
        }
    }

    /**
     * Ends the children nobody took, in parallel, and starts no more.
     *
     * @return completes once they are gone
     */
    CompletableFuture<Void> close() {
        List<PrestartedChild> left;
        synchronized (this) {
            if (closed) {
                return ended;
            }
            closed = true;
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        // Runs after every start submitted before it, each of which ends its child once it sees closed.
        CompletableFuture<Void> startsEnded = new CompletableFuture<>();
        starter.execute(() -> startsEnded.complete(null));
        starter.shutdown();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        left.forEach(child -> ends.add(child.discard()));
        ends.add(startsEnded);
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> ended.complete(null));
        return ended;
    }
}
