package dev.isolate4j.internal.process;

import dev.isolate4j.SandboxConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
}
