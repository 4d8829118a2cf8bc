package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the extension interface as the host was built with the one the extension was built
 * with: method ids are positions, so any difference would dispatch the wrong method.
 */
final class InterfaceVersions {
    private InterfaceVersions() {}

    static void check(String extensionName, RemoteInterface<?> hostSide, List<String> extensionSide) {
        List<String> host = signaturesOf(hostSide);
        if (host.equals(extensionSide)) {
            return;
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(host.size(), extensionSide.size()); i++) {
            String ours = i < host.size() ? host.get(i) : "(none)";
            String theirs = i < extensionSide.size() ? extensionSide.get(i) : "(none)";
            if (!ours.equals(theirs)) {
                differences.add("method " + i + ": host has " + ours + ", extension has " + theirs);
            }
        }
        throw new ExtensionLoadException("extension '" + extensionName + "' was built from a different version of "
                + hostSide.type().getName() + " than the host: " + String.join("; ", differences)
                + ". Rebuild both against the same version of the interface");
    }

    private static List<String> signaturesOf(RemoteInterface<?> descriptor) {
        return descriptor.methods().stream().map(MethodDescriptor::signature).toList();
    }
}
