package dev.isolate4j.processor.roundtrip;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.spi.RemoteInterface;
import org.junit.jupiter.api.Test;

/**
 * The runtime finds what the processor generated (during this module's test compilation) for names
 * where a rule based on binary names would not: a {@code $} in a simple name, and nesting.
 */
class GeneratedNamesAgreeTest {
    @Test
    void aDollarInTheInterfacesOwnNameIsKept() throws Exception {
        RemoteInterface<Odd$Name> descriptor = RemoteInterfaces.of(Odd$Name.class);

        assertThat(descriptor.getClass().getName()).isEqualTo("dev.isolate4j.processor.roundtrip.Odd$Name_Descriptor");
        assertThat(descriptor.type()).isEqualTo(Odd$Name.class);
    }

    @Test
    void aNestedInterfaceJoinsItsEnclosingNamesWithUnderscores() throws Exception {
        RemoteInterface<Odd$Name.Inner> descriptor = RemoteInterfaces.of(Odd$Name.Inner.class);

        assertThat(descriptor.getClass().getName())
                .isEqualTo("dev.isolate4j.processor.roundtrip.Odd$Name_Inner_Descriptor");
        assertThat(descriptor.type()).isEqualTo(Odd$Name.Inner.class);
    }
}
