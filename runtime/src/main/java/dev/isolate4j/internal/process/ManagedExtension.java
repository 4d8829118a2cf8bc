package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionMemory;
import dev.isolate4j.ExtensionState;
import dev.isolate4j.ExtensionStatistics;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.observability.CallStatistics;
import dev.isolate4j.internal.observability.FlightRecording;
import dev.isolate4j.internal.protocol.CallHeader;
import dev.isolate4j.internal.rpc.Endpoint;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.spi.RemoteInterface;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded extension across its incarnations: the proxies the host holds point here, and this
 * points at the current process, so that a restart after a crash is invisible to them.
 *
 * <p>Its life is {@link ExtensionState}'s state machine. Threading: {@code lock} guards the state,
 * the restart count, the restart attempt, a wake from {@link ExtensionState#IDLE}, the stop of a
 * parked process and the process being launched; it is never held across I/O, a launch or a wait:
 * those run after the state changed, outside the lock. Calls in progress are counted without it
 * ({@link CallActivity}), so that a child is parked only when none is, and a call that finds it
 * parked wakes it.
 */
public final class ManagedExtension implements ExtensionHandle, Endpoint, FlightRecording.MemorySource {
    private static final Logger log = LoggerFactory.getLogger(ManagedExtension.class);

    /** How long {@link #threadDump()} waits for the child's answer. */
    private static final Duration THREAD_DUMP_TIMEOUT = Duration.ofSeconds(5);

    /** How long {@link #memory()} waits for the child's answer: it is read on the child's reader. */
    private static final Duration MEMORY_TIMEOUT = Duration.ofSeconds(1);

    private final String name;
    private final Duration callTimeout;
    private final RemoteInterface<?> extensionInterface;
    private final HostServices services;
    private final RestartPolicy restartPolicy;
    /** {@code null}: never stopped for idleness. */
    private final Duration idleTimeout;

    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CallActivity activity = new CallActivity();
    /** The interfaces of the proxies handed out: each new process's connection registers their types. */
    private final Set<RemoteInterface<?>> proxied = ConcurrentHashMap.newKeySet();

    /** Told each time the extension is running, after a load or a wake: the manager keeps its budget. */
    private volatile Runnable onRunning = () -> {};

    private final CallStatistics statistics = new CallStatistics();
    /** Set once, before the first launch. */
    private volatile ExtensionLauncher.Launch launch;

    private volatile ExtensionProcess current;
    /**
     * The state lock. Private, not {@code this}: this object is the {@link ExtensionHandle} users
     * hold, and a user who locks it must not stall a restart or a stop.
     */
    private final Object lock = new Object();
    /** Guarded by lock. */
    private ExtensionState state = ExtensionState.STARTING;
    /** Guarded by lock: a process whose launch is under way; stop() kills it to cut the launch short. */
    private ExtensionProcess launching;
    /** Guarded by lock. */
    private int restarts;
    /** Guarded by lock: completes when the current restart attempt ends. */
    private CompletableFuture<Void> restartDone = CompletableFuture.completedFuture(null);
    /** Guarded by lock: the thread of the current restart attempt, if any. */
    private Thread restarter;
    /** Guarded by lock: completes when the current wake from IDLE ends. */
    private CompletableFuture<Void> waking = CompletableFuture.completedFuture(null);
    /** Guarded by lock: the stop of the process parked last. */
    private CompletableFuture<Void> parkedStop = CompletableFuture.completedFuture(null);
    /** Guarded by lock: the idle check, while there is one. */
    private ScheduledFuture<?> idleCheck;

    /**
     * An extension in {@link ExtensionState#STARTING}; {@link #start} launches it.
     *
     * @param name the extension's name
     * @param callTimeout how long a blocking call waits
     * @param extensionInterface the descriptor of the extension's {@code @Callee} interface
     * @param services what the host offers the extension
     * @param restartPolicy what to do when the process dies
     * @param idleTimeout how long the child may have no call in progress before it is parked;
     *     {@code null}: never
     */
    public ManagedExtension(
            String name,
            Duration callTimeout,
            RemoteInterface<?> extensionInterface,
            HostServices services,
            RestartPolicy restartPolicy,
            Duration idleTimeout) {
        this.name = name;
        this.callTimeout = callTimeout;
        this.extensionInterface = extensionInterface;
        this.services = services;
        this.restartPolicy = restartPolicy;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Plans and starts the first process, unless the extension was stopped first; on return it is
     * {@link ExtensionState#RUNNING}.
     *
     * @param planner prepares the launch (resolves an isolated extension's environment): it runs
     *     here, on the caller's thread
     * @param config the extension's configuration
     * @throws ExtensionLoadException when it could not be loaded, or was stopped while it loaded;
     *     its process is gone then, and the extension {@link ExtensionState#STOPPED}
     * @throws RuntimeException as the planner throws it, the extension stopped as well
     */
    public void start(LaunchPlanner planner, ExtensionConfig config) {
        bringUp(() -> launch = planner.plan(config), "start");
        synchronized (lock) {
            if (idleTimeout != null && state != ExtensionState.STOPPING && state != ExtensionState.STOPPED) {
                idleCheck = IdleWatch.every(idleTimeout, this::parkIfIdle);
            }
        }
    }

    /**
     * Launches a process and makes it current, from {@link ExtensionState#STARTING}: at the load,
     * and when a call wakes the extension from {@link ExtensionState#IDLE}.
     */
    private void bringUp(Runnable prepare, String change) {
        ExtensionProcess process;
        try {
            prepare.run();
            throwIfStopping();
            process = ExtensionLauncher.launch(launch, extensionInterface, services, this::launching);
        } catch (RuntimeException e) {
            ExtensionLauncher.Launch planned = launch;
            if (planned != null && planned.early() != null) {
                planned.early().discard(); // stopped before its launch took the child started for it
            }
            boolean stoppedMeanwhile;
            synchronized (lock) {
                stoppedMeanwhile = state == ExtensionState.STOPPING;
                launching = null;
                state = ExtensionState.STOPPED;
                cancelIdleCheck();
            }
            activity.admitCalls(); // to the closed connection, which fails them with its cause
            stopped.complete(null);
            if (stoppedMeanwhile && !(e instanceof StoppedWhileStarting)) {
                throw new StoppedWhileStarting(name, e);
            }
            throw e;
        }
        synchronized (lock) {
            launching = null;
            if (state == ExtensionState.STARTING) {
                state = ExtensionState.RUNNING;
                adopt(process);
                process = null;
            }
        }
        if (process != null) { // stopped while its hooks ran: it leaves with the caller's failure
            process.stop().whenComplete((ignored, error) -> stopped.complete(null));
            throw new StoppedWhileStarting(name, null);
        }
        FlightRecording.lifecycle(name, change, pid());
        FlightRecording.addMemorySource(this);
        onRunning.run();
    }

    /** Thrown by {@link #start} when {@link #stop} came first. */
    private static final class StoppedWhileStarting extends ExtensionLoadException {
        private static final long serialVersionUID = 1L;

        StoppedWhileStarting(String name, Throwable cause) {
            super(
                    "extension '" + name + "' was stopped while it loaded (its manager was closed, or it was stopped"
                            + " by name)",
                    cause);
        }
    }

    private void throwIfStopping() {
        synchronized (lock) {
            if (state == ExtensionState.STOPPING) {
                throw new StoppedWhileStarting(name, null);
            }
        }
    }

    private void launching(ExtensionProcess process) {
        boolean kill;
        synchronized (lock) {
            kill = state == ExtensionState.STOPPING;
            launching = process;
        }
        if (kill) {
            process.kill();
        }
    }

    /**
     * A proxy of the extension object itself.
     *
     * @param <T> the extension's {@code @Callee} interface
     * @param type the extension's {@code @Callee} interface
     * @return the proxy; it survives restarts
     */
    public <T> T extensionProxy(Class<T> type) {
        return createCaller(type, CallHeader.EXTENSION_OBJECT_ID);
    }

    @Override
    public RpcConnection beginCall() {
        while (!activity.enter()) {
            wake();
        }
        return connection();
    }

    @Override
    public void recordCall(long nanos, boolean failed) {
        activity.exit();
        statistics.record(nanos, failed);
    }

    @Override
    public void register(RemoteInterface<?> descriptor) {
        proxied.add(descriptor);
        ExtensionProcess process = current;
        if (process != null) {
            process.connection().serializer().register(descriptor);
        }
    }

    /**
     * Calls this each time the extension is running, after its load or a wake.
     *
     * @param action what to run, on the thread that brought the extension up
     */
    public void onRunning(Runnable action) {
        this.onRunning = action;
    }

    /** {@return when a call last ended, or the child started, in {@link System#nanoTime()}} */
    public long lastActiveNanos() {
        ExtensionProcess process = current;
        long served = process == null ? 0 : process.connection().lastServedNanos();
        return activity.busy() ? Long.MAX_VALUE : Math.max(activity.lastEndedNanos(), served);
    }

    /**
     * Stops the child to free its memory, unless a call is in progress either way: the extension
     * becomes {@link ExtensionState#IDLE}, and its next call starts it again.
     *
     * @param why for the log line, e.g. "after 5 minutes without a call"
     * @return whether it was parked
     */
    public boolean park(String why) {
        ExtensionProcess process;
        CompletableFuture<Void> processStopped = new CompletableFuture<>();
        synchronized (lock) {
            if (state != ExtensionState.RUNNING || !activity.holdCalls()) {
                return false;
            }
            process = current;
            if (process.connection().lastServedNanos() == Long.MAX_VALUE) { // it is calling the host
                activity.admitCalls();
                return false;
            }
            state = ExtensionState.IDLE;
            parkedStop = processStopped;
        }
        // Outside the lock: asking the child to stop writes to its socket.
        process.stop().whenComplete((ignored, error) -> processStopped.complete(null));
        log.info("extension '{}' stopped {}; its next call starts it again", name, why);
        FlightRecording.lifecycle(name, "idle", process.pid());
        FlightRecording.removeMemorySource(this);
        return true;
    }

    private void parkIfIdle() {
        long idleNanos = System.nanoTime() - lastActiveNanos();
        if (idleNanos >= idleTimeout.toNanos()) {
            park("after " + idleTimeout.toMillis() + " ms without a call");
        }
    }

    /**
     * Brings a parked extension back, on the caller's thread, or waits for the caller that does;
     * returns at once in any other state, for the caller to look again.
     */
    private void wake() {
        CompletableFuture<Void> woken;
        CompletableFuture<Void> previousStop;
        synchronized (lock) {
            if (state != ExtensionState.IDLE) {
                woken = waking;
                previousStop = null;
            } else {
                state = ExtensionState.STARTING;
                woken = new CompletableFuture<>();
                waking = woken;
                previousStop = parkedStop;
            }
        }
        if (previousStop == null) {
            woken.join();
            return;
        }
        try {
            previousStop.join(); // one child at a time: the budget counts on it
            bringUp(() -> {}, "wake");
        } catch (RuntimeException e) {
            throw new ExtensionTerminatedException(
                    name, "could not be started again after it idled: " + e.getMessage(), null, List.of(), e);
        } finally {
            woken.complete(null);
        }
    }

    @Override
    public ExtensionStatistics statistics() {
        return statistics.snapshot(memory());
    }

    /**
     * Asks the child for its memory, waiting up to {@link #MEMORY_TIMEOUT} for the answer.
     *
     * @return the answer, or {@link ExtensionMemory#UNKNOWN} when the child is not running or did
     *     not answer in time
     */
    @Override
    public ExtensionMemory memory() {
        ExtensionProcess process = current;
        return process == null
                ? ExtensionMemory.UNKNOWN
                : process.memory(MEMORY_TIMEOUT).join();
    }

    @Override
    public OptionalInt debugPort() {
        ExtensionProcess process = current;
        int port = process == null ? 0 : process.debugPort();
        return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    @Override
    public String threadDump() {
        ExtensionProcess process = current;
        if (process == null || state() != ExtensionState.RUNNING) {
            throw new ExtensionTerminatedException(
                    name, "is not running (" + state() + "): it has no threads to show", null, List.of(), null);
        }
        try {
            return process.threadDump(THREAD_DUMP_TIMEOUT).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new RemoteCallException("extension '" + name + "' (pid " + process.pid() + ") did not send its"
                        + " threads within " + THREAD_DUMP_TIMEOUT.toSeconds() + " s: it is stopped or hung");
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public RpcConnection connection() {
        ExtensionProcess process = current;
        if (process == null) {
            throw new ExtensionTerminatedException(name, "has not finished loading", null, List.of(), null);
        }
        return process.connection();
    }

    @Override
    public <C> C createCaller(Class<C> type, String objectId) {
        return RemoteObjectTarget.proxy(this, objectId, RemoteInterfaces.of(type), callTimeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        ExtensionProcess process = current;
        return process == null ? -1 : process.pid();
    }

    @Override
    public boolean isAlive() {
        ExtensionProcess process = current;
        return process != null && process.isAlive();
    }

    @Override
    public ExtensionState state() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> restartEnded;
        Thread restartThread;
        ExtensionProcess launched;
        synchronized (lock) {
            cancelIdleCheck();
            switch (state) {
                case STOPPING, STOPPED -> {
                    return stopped;
                }
                case STARTING -> {
                    // bringUp() sees the new state, ends what it launched, and completes stopped.
                    state = ExtensionState.STOPPING;
                    launched = launching;
                    restartEnded = null;
                    restartThread = null;
                }
                case IDLE -> {
                    state = ExtensionState.STOPPING;
                    launched = null;
                    restartEnded = parkedStop;
                    restartThread = null;
                    activity.admitCalls(); // to the closed connection, which says it was stopped
                }
                default -> {
                    state = ExtensionState.STOPPING;
                    launched = null;
                    restartEnded = restartDone;
                    restartThread = restarter;
                }
            }
        }
        if (launched != null) {
            launched.kill(); // cuts the launch short: it fails, and start() completes stopped
        }
        if (restartEnded == null) {
            return stopped;
        }
        if (restartThread != null) {
            restartThread.interrupt(); // cuts a restart delay short; a launch in progress fails and is killed
        }
        // A restart in flight must end first, or it could leave a new process behind after stop returns.
        restartEnded.thenCompose(ignored -> current.stop()).whenComplete((ignored, error) -> {
            FlightRecording.lifecycle(name, "stop", pid());
            FlightRecording.removeMemorySource(this);
            synchronized (lock) {
                state = ExtensionState.STOPPED;
            }
            stopped.complete(null);
        });
        return stopped;
    }

    /**
     * Runs {@code action} once the extension is stopped through {@link #stop()}.
     *
     * @param action the action
     */
    public void onStopped(Runnable action) {
        stopped.thenRun(action);
    }

    /** Guarded by lock. */
    private void cancelIdleCheck() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }

    /** {@return how many times the extension was restarted after a crash} */
    public int restarts() {
        synchronized (lock) {
            return restarts;
        }
    }

    /** Guarded by lock. */
    private void adopt(ExtensionProcess process) {
        process.onCrash(cause -> onCrash(process));
        proxied.forEach(descriptor -> process.connection().serializer().register(descriptor));
        current = process;
        process.watchHealth();
        activity.admitCalls();
    }

    private void onCrash(ExtensionProcess crashed) {
        FlightRecording.lifecycle(name, "crash", crashed.pid());
        synchronized (lock) {
            if (state != ExtensionState.RUNNING || crashed != current) {
                return;
            }
            if (restarts >= restartPolicy.maxRestarts()) {
                state = ExtensionState.CRASHED;
                return;
            }
            state = ExtensionState.RESTARTING;
            CompletableFuture<Void> done = new CompletableFuture<>();
            restartDone = done;
            restarter = DaemonThreads.start("isolate4j-" + name + "-restart", () -> restartLoop(done));
        }
    }

    /** Tries to bring the extension back while the policy allows; ends early when it is stopped. */
    private void restartLoop(CompletableFuture<Void> done) {
        try {
            while (claimRestart()) {
                TimeUnit.MILLISECONDS.sleep(restartPolicy.delay().toMillis());
                ExtensionProcess process;
                try {
                    process = ExtensionLauncher.launch(launch, extensionInterface, services, started -> {});
                } catch (ExtensionLoadException e) {
                    log.error("extension '{}' could not be restarted: {}", name, e.getMessage());
                    continue;
                }
                if (!adoptUnlessStopping(process)) {
                    process.stop().join();
                    return;
                }
                FlightRecording.lifecycle(name, "restart", process.pid());
                log.info(
                        "extension '{}' restarted after a crash as pid {} (restart {} of {})",
                        name,
                        process.pid(),
                        restarts(),
                        restartPolicy.maxRestarts());
                return;
            }
            gaveUp();
        } catch (InterruptedException e) {
            // stop() interrupted the delay: nothing to restart
        } finally {
            done.complete(null);
        }
    }

    private boolean claimRestart() {
        synchronized (lock) {
            if (state != ExtensionState.RESTARTING || restarts >= restartPolicy.maxRestarts()) {
                return false;
            }
            restarts++;
            return true;
        }
    }

    private void gaveUp() {
        synchronized (lock) {
            if (state == ExtensionState.RESTARTING) {
                state = ExtensionState.CRASHED;
            }
        }
    }

    private boolean adoptUnlessStopping(ExtensionProcess process) {
        synchronized (lock) {
            if (state != ExtensionState.RESTARTING) {
                return false;
            }
            state = ExtensionState.RUNNING;
            adopt(process);
            return true;
        }
    }
}
