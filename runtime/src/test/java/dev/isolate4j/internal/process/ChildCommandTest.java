package dev.isolate4j.internal.process;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.internal.child.logging.JulConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A child's command line: isolate4j's options first, the user's after them, so that theirs win. */
class ChildCommandTest {
    @Test
    void everyChildConfiguresJavaUtilLoggingThroughTheRuntimeUnlessTheUserSaysOtherwise() {
        List<String> command = ChildCommand.buildPrestarted(
                Path.of(System.getProperty("java.home")),
                List.of("-Djava.util.logging.config.class=com.example.Logging"),
                true,
                Path.of("child.sock"));

        assertThat(command).contains(JulConfiguration.option());
        assertThat(command.indexOf(JulConfiguration.option()))
                .isLessThan(command.indexOf("-Djava.util.logging.config.class=com.example.Logging"));
    }
}
