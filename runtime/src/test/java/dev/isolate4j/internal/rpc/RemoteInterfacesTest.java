package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.spi.RemoteInterface;
import org.junit.jupiter.api.Test;

/**
 * Finding an interface's generated descriptor: found by its name, without reading the interface's
 * annotations, and the annotations read only to say what is wrong when it is missing.
 */
class RemoteInterfacesTest {
    @Test
    void anAnnotatedInterfaceGetsItsGeneratedDescriptor() {
        assertThat(RemoteInterfaces.of(Echo.class).type()).isEqualTo(Echo.class);
        assertThat(RemoteInterfaces.of(Echo.class).singleton()).isFalse();
        assertThat(RemoteInterfaces.of(Echo.class)).isSameInstanceAs(RemoteInterfaces.of(Echo.class));
    }

    @Test
    void aClassOrAnInterfaceWithoutTheAnnotationsIsRefusedAsSuch() {
        IllegalArgumentException forClass =
                assertThrows(IllegalArgumentException.class, () -> RemoteInterfaces.of(EchoImpl.class));
        assertThat(forClass)
                .hasMessageThat()
                .isEqualTo(EchoImpl.class.getName() + " is not an interface annotated @Callee or @ProxiedSingleton;"
                        + " only such interfaces can be called across processes");

        IllegalArgumentException forInterface =
                assertThrows(IllegalArgumentException.class, () -> RemoteInterfaces.of(Runnable.class));
        assertThat(forInterface)
                .hasMessageThat()
                .startsWith("java.lang.Runnable is not an interface annotated @Callee or @ProxiedSingleton");
        assertThat(RemoteInterfaces.find(Runnable.class)).isNull();
    }

    @Test
    void anAnnotatedInterfaceWithoutGeneratedCodeAsksForTheProcessor() {
        // A local interface: annotation processors never see one, so nothing was generated for it.
        @Callee
        interface NeverProcessed {
            String hello();
        }

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RemoteInterfaces.of(NeverProcessed.class));

        assertThat(e)
                .hasMessageThat()
                .isEqualTo("no generated " + RemoteInterface.descriptorClassName(NeverProcessed.class) + " for "
                        + NeverProcessed.class.getName()
                        + ": add dev.isolate4j:isolate4j-processor to the annotation processor path of the module"
                        + " that declares the interface");
    }
}
