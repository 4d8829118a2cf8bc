package dev.isolate4j.internal.child.logging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogManager;

/**
 * The child's {@code java.util.logging} configuration, named on its command line as {@code
 * -Djava.util.logging.config.class}: whenever JUL first initializes in the child, its records go to
 * the host through {@link JulToHost}, in place of JUL's console handler, at the level the host logs
 * from. Everything else comes from the configuration JUL would have read: the file that {@code
 * java.util.logging.config.file} names, or the JDK's {@code conf/logging.properties}.
 *
 * <p>Why not initialize JUL at the child's start and replace the handlers then: that initialization
 * looks for a {@code System.LoggerFinder} service in every jar of the child's class path, which
 * for a child on its host's class path of 37 jars took 47 ms of the start's main thread (17 ms for
 * one jar, 130 ms for 187), before anything else could run. Named this way, JUL initializes when
 * something first logs through it, or once the child is ready and the machine quiet.
 *
 * <pre>
 * java -Djava.util.logging.config.class=dev.isolate4j.internal.child.logging.JulConfiguration ...
 * </pre>
 */
public final class JulConfiguration {
    private static final String FILE_PROPERTY = "java.util.logging.config.file";

    /** The JDK reads the configuration through this constructor, as its documentation says. */
    public JulConfiguration() throws IOException {
        String named = System.getProperty(FILE_PROPERTY);
        Path file =
                named != null ? Path.of(named) : Path.of(System.getProperty("java.home"), "conf", "logging.properties");
        if (named != null && !Files.isReadable(file)) {
            HostLog.log(3, JulConfiguration.class.getName(), unreadable(named), Map.of(), null);
        }
        Properties properties = properties(file, JulToHost.level());
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(text(properties)));
    }

    /**
     * {@code properties} as {@link Properties#load(InputStream)} reads them back. Not {@link
     * Properties#store}, which heads its output with the date: formatting it loads the JDK's calendar
     * and locale data (about 60 classes, CLDR's included), which a child would keep for its life.
     * Every character but a letter, a digit, '.', '_' and '-' is written as a Unicode escape, which
     * {@code load} reads back whatever it is.
     */
    static byte[] text(Properties properties) {
        StringBuilder text = new StringBuilder();
        for (String key : properties.stringPropertyNames()) {
            escape(key, text);
            text.append('=');
            escape(properties.getProperty(key), text);
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void escape(String value, StringBuilder text) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-') {
                text.append(c);
            } else {
                String hex = Integer.toHexString(c);
                text.append("\\u").append("0000", hex.length(), 4).append(hex);
            }
        }
    }

    /** {@return the option that names this configuration on a child's command line} */
    public static String option() {
        return "-Djava.util.logging.config.class=" + JulConfiguration.class.getName();
    }

    /**
     * The configuration read from {@code file}, with the root logger's handlers and level replaced:
     * {@link JulToHost} alone, at {@code rootLevel}.
     *
     * @param file the configuration JUL would have read; one that cannot be read reads as empty, as
     *     JUL itself goes on without it
     * @param rootLevel the root logger's level
     * @return the properties
     */
    static Properties properties(Path file, Level rootLevel) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // missing, unreadable or malformed: the root logger is configured all the same
            properties.clear();
        }
        properties.setProperty("handlers", JulToHost.class.getName());
        properties.setProperty(".level", rootLevel.getName());
        return properties;
    }

    /**
     * What a child says when the configuration file its options name cannot be read: JUL itself says
     * nothing and goes on without it, and in a sandbox the usual cause is a file not shown to it.
     *
     * @param file the file, as {@code java.util.logging.config.file} names it
     * @return the message
     */
    static String unreadable(String file) {
        return "java.util.logging.config.file " + file + " cannot be read in the extension's JVM, so its"
                + " loggers' levels and handlers are not set; when the extension runs in a sandbox, show the"
                + " file to it with SandboxConfig.builder().readOnlyPaths(...)";
    }
}
