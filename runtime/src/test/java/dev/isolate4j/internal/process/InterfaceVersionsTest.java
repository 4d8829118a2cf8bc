package dev.isolate4j.internal.process;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.internal.rpc.Echo;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.spi.MethodDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceVersionsTest {
    private final List<String> hostSide = RemoteInterfaces.of(Echo.class).methods().stream()
            .map(MethodDescriptor::signature)
            .toList();

    @Test
    void sameSignaturesPass() {
        InterfaceVersions.check("same", RemoteInterfaces.of(Echo.class), hostSide);
    }

    @Test
    void changedMethodIsNamedWithBothSignatures() {
        List<String> extensionSide = new ArrayList<>(hostSide);
        extensionSide.set(0, "echo(java.lang.CharSequence)java.lang.String");

        ExtensionLoadException e = assertThrows(
                ExtensionLoadException.class,
                () -> InterfaceVersions.check("old", RemoteInterfaces.of(Echo.class), extensionSide));

        assertThat(e)
                .hasMessageThat()
                .contains("extension 'old' was built from a different version of dev.isolate4j.internal.rpc.Echo");
        assertThat(e)
                .hasMessageThat()
                .contains("method 0: host has echo(java.lang.String)java.lang.String, extension has"
                        + " echo(java.lang.CharSequence)java.lang.String");
    }

    @Test
    void missingMethodIsNamed() {
        List<String> extensionSide = hostSide.subList(0, hostSide.size() - 1);

        ExtensionLoadException e = assertThrows(
                ExtensionLoadException.class,
                () -> InterfaceVersions.check("short", RemoteInterfaces.of(Echo.class), extensionSide));

        assertThat(e).hasMessageThat().contains("extension has (none)");
    }
}
