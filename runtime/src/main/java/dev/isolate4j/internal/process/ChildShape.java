package dev.isolate4j.internal.process;

import dev.isolate4j.SandboxConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a child JVM is before it knows its extension: the command that starts it and the sandbox
 * around it. A prestarted child serves a load whose shape equals its own.
 *
 * @param javaHome the child's JDK
 * @param jvmArgs every JVM option of the child, the memory defaults and the user's
 * @param env the variables added to the child's environment
 * @param classPath the child JVM's class path: the runtime's for an isolated extension, the host's
 *     otherwise
 * @param isolated whether the child loads an isolated extension (its logging provider differs)
 * @param sandbox the sandbox's settings
 * @param sharedMemory whether the sandbox binds {@code /dev/shm}
 */
record ChildShape(
        Path javaHome,
        List<String> jvmArgs,
        Map<String, String> env,
        String classPath,
        boolean isolated,
        SandboxConfig sandbox,
        boolean sharedMemory) {
    ChildShape {
        jvmArgs = List.copyOf(jvmArgs);
        env = Map.copyOf(env);
    }

    /** The settings of a shape, in the order they are compared. */
    private enum Setting {
        JAVA_HOME,
        JVM_ARGS,
        ENV,
        ISOLATED,
        CLASS_PATH,
        SANDBOX,
        SHARED_MEMORY
    }

    // Written out rather than generated: a record's generated equals is linked at its first call
    // (ObjectMethods' bootstrap, its own and SandboxConfig's), and that first call is the load that
    // takes a prestarted child, which it made 9 to 20 ms slower on two CPUs.
    @Override
    public boolean equals(Object other) {
        return other instanceof ChildShape that && firstDiffering(that) == null;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                javaHome,
                jvmArgs,
                env,
                classPath,
                isolated,
                sandbox.mode(),
                sandbox.writablePaths(),
                sandbox.readOnlyPaths(),
                sandbox.network(),
                sharedMemory);
    }

    /**
     * {@return the first setting in which {@code wanted} differs from this shape, in the words of
     * a message to the user; empty when the two are equal} Environment variables are named, not
     * valued: a value may be a secret.
     */
    Optional<String> firstDifference(ChildShape wanted) {
        Setting setting = firstDiffering(wanted);
        if (setting == null) {
            return Optional.empty();
        }
        return Optional.of(
                switch (setting) {
                    case JAVA_HOME -> "javaHome " + wanted.javaHome + " where theirs is " + javaHome;
                    case JVM_ARGS -> "the JVM options " + wanted.jvmArgs + " where theirs are " + jvmArgs;
                    case ENV ->
                        "the environment variables " + new TreeSet<>(wanted.env.keySet()) + " where theirs are "
                                + new TreeSet<>(env.keySet()) + " (or their values differ)";
                    case ISOLATED ->
                        wanted.isolated ? "isolated(true) where theirs are not" : "isolated(false) where theirs are";
                    case CLASS_PATH -> "another class path than theirs";
                    case SANDBOX -> "the sandbox " + wanted.sandbox + " where theirs is " + sandbox;
                    case SHARED_MEMORY -> "sharedMemory(" + wanted.sharedMemory + ") where theirs is " + sharedMemory;
                });
    }

    /** {@return the first setting in which {@code that} differs from this shape; null when none does} */
    private Setting firstDiffering(ChildShape that) {
        if (!javaHome.equals(that.javaHome)) {
            return Setting.JAVA_HOME;
        }
        if (!jvmArgs.equals(that.jvmArgs)) {
            return Setting.JVM_ARGS;
        }
        if (!env.equals(that.env)) {
            return Setting.ENV;
        }
        if (isolated != that.isolated) {
            return Setting.ISOLATED;
        }
        if (!classPath.equals(that.classPath)) {
            return Setting.CLASS_PATH;
        }
        if (!sameSandbox(sandbox, that.sandbox)) {
            return Setting.SANDBOX;
        }
        return sharedMemory != that.sharedMemory ? Setting.SHARED_MEMORY : null;
    }

    private static boolean sameSandbox(SandboxConfig one, SandboxConfig other) {
        return one.mode() == other.mode()
                && one.writablePaths().equals(other.writablePaths())
                && one.readOnlyPaths().equals(other.readOnlyPaths())
                && one.network() == other.network();
    }
}
