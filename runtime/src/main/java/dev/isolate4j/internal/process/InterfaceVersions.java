package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.internal.rpc.InterfaceChecks;
import dev.isolate4j.spi.RemoteInterface;
import java.util.List;

/**
 * Compares the extension interface as the host was built with the one the extension was built
 * with: method ids are positions, so any difference would dispatch the wrong method.
 */
final class InterfaceVersions {
    private InterfaceVersions() {}

    static void check(String extensionName, RemoteInterface<?> hostSide, List<String> extensionSide) {
        List<String> host = InterfaceChecks.signaturesOf(hostSide);
        if (host.equals(extensionSide)) {
            return;
        }
        List<String> differences = InterfaceChecks.differences(host, extensionSide, "host", "extension");
        throw new ExtensionLoadException("extension '" + extensionName + "' was built from a different version of "
                + hostSide.type().getName() + " than the host: " + String.join("; ", differences)
                + ". Rebuild both against the same version of the interface");
    }
}
