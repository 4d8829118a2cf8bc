package dev.isolate4j;

/** Whether an extension's JVM runs in a bubblewrap sandbox (Linux). */
public enum SandboxMode {
    /** Use the sandbox when bubblewrap is usable; otherwise run without and say so in the log (default). */
    AUTO,
    /** Always use the sandbox; loading fails, saying how to fix it, when bubblewrap is not usable. */
    REQUIRED,
    /** Never use the sandbox. */
    DISABLED
}
