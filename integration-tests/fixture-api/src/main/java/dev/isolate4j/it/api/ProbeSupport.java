package dev.isolate4j.it.api;

import dev.isolate4j.ExtensionBase;

/** The part of a library probe that does not depend on a library version; probes extend it. */
public abstract class ProbeSupport extends ExtensionBase implements LibraryProbe {
    @Override
    public String locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, getClass().getClassLoader());
            var source = type.getProtectionDomain().getCodeSource();
            return source == null ? "jdk" : source.getLocation().getPath();
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }

    @Override
    public String systemProperty(String name) {
        return System.getProperty(name);
    }

    @Override
    public String environmentVariable(String name) {
        return System.getenv(name);
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }
}
