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

    // Written out rather than generated: a record's generated equals is linked at its first call
    // (ObjectMethods' bootstrap, its own and SandboxConfig's), and that first call is the load that
    // takes a prestarted child, which it made 9 to 20 ms slower on two CPUs.
    @Override
    public boolean equals(Object other) {
        return other instanceof ChildShape that
                && javaHome.equals(that.javaHome)
                && jvmArgs.equals(that.jvmArgs)
                && env.equals(that.env)
                && classPath.equals(that.classPath)
                && isolated == that.isolated
                && sameSandbox(sandbox, that.sandbox)
                && sharedMemory == that.sharedMemory;
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
        if (!javaHome.equals(wanted.javaHome)) {
            return Optional.of("javaHome " + wanted.javaHome + " where theirs is " + javaHome);
        }
        if (!jvmArgs.equals(wanted.jvmArgs)) {
            return Optional.of("the JVM options " + wanted.jvmArgs + " where theirs are " + jvmArgs);
        }
        if (!env.equals(wanted.env)) {
            return Optional.of("the environment variables " + new TreeSet<>(wanted.env.keySet()) + " where theirs are "
                    + new TreeSet<>(env.keySet()) + " (or their values differ)");
        }
        if (isolated != wanted.isolated) {
            return Optional.of(
                    wanted.isolated ? "isolated(true) where theirs are not" : "isolated(false) where theirs are");
        }
        if (!classPath.equals(wanted.classPath)) {
            return Optional.of("another class path than theirs");
        }
        if (!sameSandbox(sandbox, wanted.sandbox)) {
            return Optional.of("the sandbox " + wanted.sandbox + " where theirs is " + sandbox);
        }
        if (sharedMemory != wanted.sharedMemory) {
            return Optional.of("sharedMemory(" + wanted.sharedMemory + ") where theirs is " + sharedMemory);
        }
        return Optional.empty();
    }

    private static boolean sameSandbox(SandboxConfig one, SandboxConfig other) {
        return one.mode() == other.mode()
                && one.writablePaths().equals(other.writablePaths())
                && one.readOnlyPaths().equals(other.readOnlyPaths())
                && one.network() == other.network();
    }
}
