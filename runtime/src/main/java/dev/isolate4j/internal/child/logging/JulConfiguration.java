package dev.isolate4j.internal.child.logging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        properties.store(bytes, null);
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(bytes.toByteArray()));
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
