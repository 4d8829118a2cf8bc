package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.internal.child.ChildArguments;
import dev.isolate4j.internal.transport.ChildAcceptor;
import dev.isolate4j.spi.RemoteInterface;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a {@link PrestartedChild} to READY for an extension: what {@link ExtensionLauncher} does
 * for a child it starts, without the start. The child already runs in its sandbox; it gets its
 * secret and arguments, connects, loads the extension from the files provided to it, and reports.
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
        try {
            extension = new ExtensionProcess(
                    launch.name(), child.process(), child.directory(), launch.settings(), services, null);
            Runnable onGone = child.classData().onGone();
            extension.beforeDirectoryRemoved(() -> {
                onGone.run();
                child.removeFiles();
            });
            started.accept(extension);
            String secret = ChildAcceptor.newSecret();
            child.assign(secret, arguments(child, files, launch, extensionInterface));
            long assigned = System.nanoTime();
            ExtensionProcess launched = extension;
            ChildAcceptor.Accepted accepted = ChildAcceptor.accept(
                    child.server(),
                    launch.name(),
                    secret,
                    deadline,
                    () -> ExtensionLauncher.checkAlive(launched, deadline, "connect"));
            extension.childPid(accepted.hello().pid());
            extension.connect(accepted.channel());
            long connected = System.nanoTime();
            ExtensionLauncher.awaitReady(extension, extensionInterface, deadline);
            child.classData().onReady().run();
            log.debug(
                    "extension '{}' took a prestarted child: connected in {} ms, ready {} ms later",
                    launch.name(),
                    (connected - assigned) / 1_000_000,
                    (System.nanoTime() - connected) / 1_000_000);
            return extension;
        } catch (RuntimeException | IOException e) {
            child.classData().onFailed().run();
            ExtensionLoadException failure = ExtensionLauncher.describe(launch.name(), extension, e);
            if (extension != null) {
                extension.kill();
            } else {
                child.discard();
            }
            throw failure;
        } finally {
            closeQuietly(child);
        }
    }

    private static ChildArguments arguments(
            PrestartedChild child,
            PrestartedChild.Provided files,
            ExtensionLauncher.Launch launch,
            RemoteInterface<?> extensionInterface) {
        return new ChildArguments(
                child.directory().socketPath(),
                launch.name(),
                extensionInterface.type().getName(),
                files.modulePath(),
                files.classPathFile(),
                launch.settings().sharedMemory(),
                launch.apis(),
                launch.settings().callTimeout(),
                launch.settings().maxFrameBytes(),
                null,
                false,
                launch.settings().childInterceptors());
    }

    /** The listening socket is done with once the child connected, or failed to. */
    private static void closeQuietly(PrestartedChild child) {
        try {
            child.server().close();
        } catch (IOException e) {
            // the socket directory goes with the child
        }
    }
}
