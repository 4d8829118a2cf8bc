package dev.isolate4j.internal.process;

import static com.google.common.truth.Truth.assertThat;

import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.util.List;
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
    void everyChildsCommandLineNamesItBeforeTheUsersOptions() {
        String option = SelectorProviderOption.forChild().orElseThrow();
        List<String> command = ChildCommand.buildPrestarted(
                Path.of(System.getProperty("java.home")), List.of("-Duser.option=1"), false, Path.of("child.sock"));

        assertThat(command).contains(option);
        assertThat(command.indexOf(option)).isLessThan(command.indexOf("-Duser.option=1"));
    }

    @Test
    void aProviderFromTheClassPathIsLeftForTheChildToFind() {
        assertThat(SelectorProviderOption.optionFor("com.example.nio.FastSelectorProvider"))
                .isEmpty();
    }
}
