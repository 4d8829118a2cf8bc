package dev.isolate4j.internal.classpath;

import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * What a load says of a module file that is no jar (a truncated download, an error page saved in
 * its place), whichever side opens it first: the host, for an isolated module's own POM, or the
 * child, for its service file.
 */
public final class NotAJar {
    private NotAJar() {}

    /**
     * @param module the module file
     * @param cause what opening it as a jar threw
     * @return the message, naming the file and why it is not a jar
     */
    public static String message(Path module, ZipException cause) {
        return "module " + module + " is not a jar (" + cause.getMessage()
                + "): modulePath must be a jar or a classes directory";
    }
}
