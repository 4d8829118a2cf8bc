package dev.isolate4j.internal.process;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Starts child processes from one platform thread that lives as long as the host JVM.
 *
 * <p>Why: bubblewrap's {@code --die-with-parent} is {@code PR_SET_PDEATHSIG}, and Linux sends that
 * signal when the <em>thread</em> that spawned the process ends, not the process. A child started
 * from a request thread, a pool worker that is later retired, or a virtual thread's carrier would
 * be killed (exit status 137) when that thread goes. Spawned from this thread, which never ends, a
 * child dies with the host process only, as the sandbox means it to.
 *
 * <p>The caller waits for {@link ProcessBuilder#start()} to return; nothing else runs here.
 */
final class ProcessSpawner {
    private static final BlockingQueue<Request> REQUESTS = new LinkedBlockingQueue<>();

    static {
        Thread thread = new Thread(ProcessSpawner::serve, "isolate4j-process-spawner");
        thread.setDaemon(true);
        thread.start();
    }

    private record Request(ProcessBuilder builder, CompletableFuture<Process> started) {}

    private ProcessSpawner() {}

    /**
     * Starts {@code builder}'s process from the spawner thread.
     *
     * @param builder the process to start
     * @return the started process
     * @throws IOException as {@link ProcessBuilder#start()} throws it
     */
    static Process start(ProcessBuilder builder) throws IOException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        REQUESTS.add(new Request(builder, started));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    // The process may be starting this very moment: wait for it, so that it is
                    // never left running without an owner; the caller sees the interrupt after.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("cannot start " + builder.command().get(0), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void serve() {
        while (true) {
            Request request;
            try {
                request = REQUESTS.take();
            } catch (InterruptedException e) {
                continue; // nobody may end this thread: children would die with it
            }
            try {
                request.started().complete(request.builder().start());
            } catch (Throwable e) { // this thread must outlive anything one start throws
                request.started().completeExceptionally(e);
            }
        }
    }
}
