package dev.isolate4j.internal.child;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ExtensionModule;

/**
 * Lets the child's bootstrap reach {@link ExtensionBase}'s protected hooks without making them
 * public: {@code ExtensionBase} installs the one implementation when its class initializes, which
 * happens before any extension instance exists.
 */
public abstract class ExtensionAccess {
    private static volatile ExtensionAccess instance;

    public static void install(ExtensionAccess access) {
        instance = access;
    }

    static ExtensionAccess get() {
        return instance;
    }

    public abstract void attach(ExtensionBase extension, ChildSession session);

    public abstract void beforeModuleLoaded(ExtensionBase extension) throws Exception;

    public abstract void onModuleLoaded(ExtensionBase extension, ExtensionModule module) throws Exception;
}
