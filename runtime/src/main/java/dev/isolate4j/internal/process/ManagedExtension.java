package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionStatistics;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.internal.child.ExtensionProtocol;
import dev.isolate4j.internal.observability.CallStatistics;
import dev.isolate4j.internal.observability.FlightRecording;
import dev.isolate4j.internal.rpc.DaemonThreads;
import dev.isolate4j.internal.rpc.Endpoint;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.spi.RemoteInterface;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded extension across its incarnations: the proxies the host holds point here, and this
 * points at the current process, so that a restart after a crash is invisible to them.
 */
public final class ManagedExtension implements ExtensionHandle, Endpoint {
    private static final Logger log = LoggerFactory.getLogger(ManagedExtension.class);

    private final ExtensionLauncher.Launch launch;
    private final RemoteInterface<?> extensionInterface;
    private final HostServices services;
    private final RestartPolicy restartPolicy;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CallStatistics statistics = new CallStatistics();
    private volatile ExtensionProcess current;
    /** Guarded by this. */
    private int restarts;
    /** Guarded by this. */
    private boolean stopping;
    /** Guarded by this: completes when the current restart attempt ends. */
    private CompletableFuture<Void> restartDone = CompletableFuture.completedFuture(null);
    /** Guarded by this: the thread of the current restart attempt, if any. */
    private Thread restarter;

    private ManagedExtension(
            ExtensionLauncher.Launch launch,
            RemoteInterface<?> extensionInterface,
            HostServices services,
            RestartPolicy restartPolicy) {
        this.launch = launch;
        this.extensionInterface = extensionInterface;
        this.services = services;
        this.restartPolicy = restartPolicy;
    }

    /**
     * Starts the first process; throws {@link ExtensionLoadException} when it cannot be loaded.
     *
     * @param launch how to start the child
     * @param extensionInterface the descriptor of the extension's {@code @Callee} interface
     * @param services what the host offers the extension
     * @param restartPolicy what to do when the process dies
     * @return the managed extension
     */
    public static ManagedExtension start(
            ExtensionLauncher.Launch launch,
            RemoteInterface<?> extensionInterface,
            HostServices services,
            RestartPolicy restartPolicy) {
        ManagedExtension extension = new ManagedExtension(launch, extensionInterface, services, restartPolicy);
        extension.adopt(ExtensionLauncher.launch(launch, extensionInterface, services));
        FlightRecording.lifecycle(launch.name(), "start", extension.pid());
        return extension;
    }

    /**
     * A proxy of the extension object itself.
     *
     * @param <T> the extension's {@code @Callee} interface
     * @param type the extension's {@code @Callee} interface
     * @return the proxy; it survives restarts
     */
    public <T> T extensionProxy(Class<T> type) {
        return createCaller(type, ExtensionProtocol.EXTENSION_OBJECT_ID);
    }

    @Override
    public void recordCall(long nanos, boolean failed) {
        statistics.record(nanos, failed);
    }

    @Override
    public ExtensionStatistics statistics() {
        return statistics.snapshot();
    }

    @Override
    public RpcConnection connection() {
        return current.connection();
    }

    @Override
    public <C> C createCaller(Class<C> type, String objectId) {
        return RemoteObjectTarget.proxy(
                this, objectId, RemoteInterfaces.of(type), launch.settings().callTimeout());
    }

    @Override
    public String name() {
        return launch.name();
    }

    @Override
    public long pid() {
        return current.pid();
    }

    @Override
    public boolean isAlive() {
        return current.isAlive();
    }

    @Override
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> restartEnded;
        Thread restartThread;
        synchronized (this) {
            if (stopping) {
                return stopped;
            }
            stopping = true;
            restartEnded = restartDone;
            restartThread = restarter;
        }
        if (restartThread != null) {
            restartThread.interrupt(); // cuts a restart delay short; a launch in progress fails and is killed
        }
        // A restart in flight must end first, or it could leave a new process behind after stop returns.
        long pid = current.pid();
        restartEnded.thenCompose(ignored -> current.stop()).whenComplete((ignored, error) -> {
            FlightRecording.lifecycle(name(), "stop", pid);
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

    /** {@return how many times the extension was restarted after a crash} */
    public synchronized int restarts() {
        return restarts;
    }

    private void adopt(ExtensionProcess process) {
        process.onCrash(cause -> onCrash(process));
        current = process;
    }

    private void onCrash(ExtensionProcess crashed) {
        FlightRecording.lifecycle(name(), "crash", crashed.pid());
        synchronized (this) {
            if (stopping || crashed != current || restarts >= restartPolicy.maxRestarts()) {
                return;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            restartDone = done;
            restarter = DaemonThreads.start("isolate4j-" + name() + "-restart", () -> restartLoop(done));
        }
    }

    /** Tries to bring the extension back while the policy allows; ends early when it is stopped. */
    private void restartLoop(CompletableFuture<Void> done) {
        try {
            while (claimRestart()) {
                TimeUnit.MILLISECONDS.sleep(restartPolicy.delay().toMillis());
                ExtensionProcess process;
                try {
                    process = ExtensionLauncher.launch(launch, extensionInterface, services);
                } catch (ExtensionLoadException e) {
                    log.error("extension '{}' could not be restarted: {}", name(), e.getMessage());
                    continue;
                }
                if (!adoptUnlessStopping(process)) {
                    process.stop().join();
                    return;
                }
                FlightRecording.lifecycle(name(), "restart", process.pid());
                log.info(
                        "extension '{}' restarted after a crash as pid {} (restart {} of {})",
                        name(),
                        process.pid(),
                        restarts(),
                        restartPolicy.maxRestarts());
                return;
            }
        } catch (InterruptedException e) {
            // stop() interrupted the delay: nothing to restart
        } finally {
            done.complete(null);
        }
    }

    private synchronized boolean claimRestart() {
        if (stopping || restarts >= restartPolicy.maxRestarts()) {
            return false;
        }
        restarts++;
        return true;
    }

    private synchronized boolean adoptUnlessStopping(ExtensionProcess process) {
        if (stopping) {
            return false;
        }
        adopt(process);
        return true;
    }
}
