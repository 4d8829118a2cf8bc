package dev.isolate4j.internal.process;

import static com.google.common.truth.Truth.assertThat;

import java.nio.channels.spi.SelectorProvider;
import org.junit.jupiter.api.Test;

/** A child is told the JDK's own channel provider, so that it does not search its class path for one. */
class SelectorProviderOptionTest {
    @Test
    void theJdksOwnProviderIsNamedAsTheHostUsesIt() {
        String hosts = SelectorProvider.provider().getClass().getName();

        assertThat(hosts).startsWith("sun.nio.ch.");
        assertThat(SelectorProviderOption.forChild()).hasValue("-Djava.nio.channels.spi.SelectorProvider=" + hosts);
    }

    @Test
    void aProviderFromTheClassPathIsLeftForTheChildToFind() {
        assertThat(SelectorProviderOption.optionFor("com.example.nio.FastSelectorProvider"))
                .isEmpty();
    }
}
