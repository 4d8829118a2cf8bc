package dev.isolate4j.internal.child.logging;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child's JUL configuration: the one JUL would have read, with the root logger's handlers and
 * level replaced by the host's.
 */
class JulConfigurationTest {
    @TempDir
    Path directory;

    @Test
    void theRootsHandlersAndLevelAreReplacedAndTheRestIsKept() throws Exception {
        Path file = directory.resolve("logging.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "handlers = java.util.logging.ConsoleHandler",
                        ".level = ALL",
                        "com.example.level = FINE",
                        "com.example.handlers = java.util.logging.FileHandler",
                        "java.util.logging.FileHandler.pattern = %t/example.log"));

        Properties properties = JulConfiguration.properties(file, Level.WARNING);

        assertThat(properties).containsEntry("handlers", JulToHost.class.getName());
        assertThat(properties).containsEntry(".level", "WARNING");
        assertThat(properties).containsEntry("com.example.level", "FINE");
        assertThat(properties).containsEntry("com.example.handlers", "java.util.logging.FileHandler");
        assertThat(properties).containsEntry("java.util.logging.FileHandler.pattern", "%t/example.log");
    }

    @Test
    void aFileThatCannotBeReadOnlyLeavesTheRootConfigured() throws Exception {
        Path notAFile = Files.createDirectories(directory.resolve("logging.d"));

        Properties properties = JulConfiguration.properties(notAFile, Level.INFO);

        assertThat(properties).containsExactly("handlers", JulToHost.class.getName(), ".level", "INFO");
    }

    @Test
    void withoutAFileOnlyTheRootIsConfigured() {
        Properties properties = JulConfiguration.properties(directory.resolve("absent.properties"), Level.INFO);

        assertThat(properties).containsExactly("handlers", JulToHost.class.getName(), ".level", "INFO");
    }

    @Test
    void theJdksOwnFileIsReadAsJulWouldReadIt() {
        Path jdks = Path.of(System.getProperty("java.home"), "conf", "logging.properties");

        Properties properties = JulConfiguration.properties(jdks, Level.INFO);

        // The JDK's file configures its console handler, which stays configured but unused.
        assertThat(properties).containsKey("java.util.logging.ConsoleHandler.level");
        assertThat(properties).containsEntry("handlers", JulToHost.class.getName());
    }

    /**
     * What JUL reads back is what was configured, whatever characters the keys and values hold:
     * Properties.load gives the separators, comment marks, escapes, spaces and non-ASCII characters
     * meanings of their own.
     */
    @Test
    void theTextJulReadsHoldsEveryKeyAndValueAsTheyWere() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("com.example.level", "FINE");
        properties.setProperty("a key=with:separators", " leading and trailing spaces ");
        properties.setProperty("#not a comment", "!nor this");
        properties.setProperty("back\\slash", "C:\\logs\\x.log");
        properties.setProperty("unicode.\u00e9t\u00e9", "\u65e5\u672c \ud83d\ude00");
        properties.setProperty("empty", "");
        properties.setProperty("line", "one\ntwo\r\tthree");

        Properties read = new Properties();
        read.load(new java.io.ByteArrayInputStream(JulConfiguration.text(properties)));

        assertThat(read).isEqualTo(properties);
    }

    /** No date, unlike Properties.store: formatting one loads the JDK's calendar and locale data. */
    @Test
    void theTextIsOnlyTheProperties() {
        Properties properties = new Properties();
        properties.setProperty(".level", "INFO");

        assertThat(new String(JulConfiguration.text(properties), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(".level=INFO\n");
    }
}
