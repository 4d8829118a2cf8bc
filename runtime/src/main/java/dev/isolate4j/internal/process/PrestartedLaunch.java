package dev.isolate4j.internal.process;

import static dev.isolate4j.internal.Closeables.closeQuietly;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.internal.transport.ChildAcceptor;
import dev.isolate4j.spi.RemoteInterface;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a {@link PrestartedChild} to READY for an extension: what {@link ExtensionLauncher} does
 * for a child it starts, without the start. The child already runs in its sandbox and is connected;
 * it gets its arguments, loads the extension from the files provided to it, and reports.
 */
final class PrestartedLaunch {
    private static final Logger log = LoggerFactory.getLogger(PrestartedLaunch.class);

    private PrestartedLaunch() {}

    static ExtensionProcess launch(
            PrestartedChild child,
            PrestartedChild.Provided files,
            ExtensionLauncher.Launch launch,
            RemoteInterface<?> extensionInterface,
            HostServices services,
            Consumer<ExtensionProcess> started) {
        long deadline = System.nanoTime() + launch.settings().startTimeout().toNanos();
        ExtensionProcess extension = null;
        boolean handedOver = false;
        try {
            extension = new ExtensionProcess(
                    launch.name(),
                    child.process(),
                    child.output(),
                    child.exited(),
                    child.directory(),
                    launch.settings(),
                    services,
                    null);
            Runnable onGone = child.classData().onGone();
            extension.beforeDirectoryRemoved(() -> {
                onGone.run();
                child.removeFiles();
            });
            started.accept(extension);
            // The arguments first: the child loads while this side opens its end of the connection.
            child.assign(ExtensionLauncher.childArguments(
                    launch,
                    child.directory().socketPath(),
                    files.modulePath(),
                    files.classPathFile(),
                    extensionInterface,
                    null));
            long assigned = System.nanoTime();
            ChildAcceptor.Accepted accepted = awaitConnected(child, extension, deadline);
            extension.childPid(accepted.hello().pid());
            extension.connect(accepted.channel());
            handedOver = true;
            long connected = System.nanoTime();
            ExtensionLauncher.awaitReady(
                    extension, extensionInterface, deadline, files.modulePath(), launch.modulePath());
            child.classData().onReady().run();
            log.debug(
                    "extension '{}' took a prestarted child: connected in {} ms, ready {} ms later",
                    launch.name(),
                    (connected - assigned) / 1_000_000,
                    (System.nanoTime() - connected) / 1_000_000);
            return extension;
        } catch (RuntimeException | IOException e) {
            child.classData().onFailed().run();
            if (!handedOver) { // the channel is the extension's to close once it has it
                child.connected().thenAccept(accepted -> closeQuietly(accepted.channel()));
            }
            ExtensionLoadException failure = ExtensionLauncher.describe(launch.name(), extension, e);
            if (extension != null) {
                extension.kill();
            } else {
                child.discard();
            }
            throw failure;
        } finally {
            closeQuietly(child.server()); // done with once the child connected, or failed to
        }
    }

    /**
     * The child's connection, made while it waited; or, for a child taken right after its start
     * (an early child), as soon as it connects.
     */
    private static ChildAcceptor.Accepted awaitConnected(
            PrestartedChild child, ExtensionProcess extension, long deadline) throws IOException {
        try {
            return child.connected()
                    .get(Math.max(1, ExtensionLauncher.remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            ExtensionLauncher.checkAlive(extension, deadline, "connect"); // says how it exited
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException("the child did not connect: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            ExtensionLauncher.checkAlive(extension, deadline, "connect"); // the start timeout passed
            throw new IOException("the child did not connect within the start timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionLoadException("interrupted while loading extension '" + extension.name() + "'", e);
        }
    }
}
