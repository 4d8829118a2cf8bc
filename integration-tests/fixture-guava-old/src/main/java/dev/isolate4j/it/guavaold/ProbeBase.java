package dev.isolate4j.it.guavaold;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.it.api.LibraryProbe;

/** The part of a probe that does not depend on a library version. */
abstract class ProbeBase extends ExtensionBase implements LibraryProbe {
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
