package dev.isolate4j.internal.process;

import dev.isolate4j.internal.child.ChildArguments;
import dev.isolate4j.internal.child.ChildMain;
import dev.isolate4j.internal.child.logging.JulConfiguration;
import dev.isolate4j.internal.jdk.JdkOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts a child JVM. */
final class ChildCommand {
    private ChildCommand() {}

    /** The command; the class path goes in the {@code CLASSPATH} environment variable. */
    static List<String> build(Path javaHome, List<String> jvmArgs, ChildArguments arguments) {
        List<String> command = jvm(javaHome, jvmArgs, arguments.isolated());
        command.addAll(arguments.toArgs());
        return command;
    }

    /**
     * The command of a prestarted child: the same JVM, without its extension's arguments, which it
     * reads from stdin once the host knows them; with the socket it connects to while it waits, and
     * whether the extension it will serve is isolated.
     */
    static List<String> buildPrestarted(Path javaHome, List<String> jvmArgs, boolean isolated, Path socket) {
        List<String> command = jvm(javaHome, jvmArgs, isolated);
        command.add(ChildArguments.AWAIT_EXTENSION);
        command.add(socket.toString());
        command.add(Boolean.toString(isolated));
        return command;
    }

    private static List<String> jvm(Path javaHome, List<String> jvmArgs, boolean isolated) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        // SLF4J's own notices (several providers, none) would reach the host as lines of output at
        // every start. The user's own options come after.
        command.add("-Dslf4j.internal.verbosity=ERROR");
        LoggingProvider.forChild(isolated).ifPresent(provider -> command.add("-Dslf4j.provider=" + provider));
        command.add(LoggingProvider.thresholdOption());
        // java.util.logging to the host, configured when it first initializes, not at every start.
        command.add(JulConfiguration.option());
        SelectorProviderOption.forChild().ifPresent(command::add);
        // What the child's JDK needs so that Fory runs on it without warnings (25 and later:
        // java.lang.invoke opened), chosen by its version: a JDK refuses an option it does not know.
        command.addAll(JdkOptions.forJavaHome(javaHome));
        command.addAll(jvmArgs);
        command.add(ChildMain.class.getName());
        return command;
    }
}
