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

    /**
     * Installs the implementation; called by {@code ExtensionBase}'s static initializer.
     *
     * @param access the implementation
     */
    public static void install(ExtensionAccess access) {
        instance = access;
    }

    static ExtensionAccess get() {
        return instance;
    }

    /**
     * Connects {@code extension} to its session, which its public methods use.
     *
     * @param extension the extension
     * @param session the session with the host
     */
    public abstract void attach(ExtensionBase extension, ChildSession session);

    /**
     * Runs {@code extension}'s {@code beforeModuleLoaded} hook.
     *
     * @param extension the extension
     * @throws Exception whatever the hook throws
     */
    public abstract void beforeModuleLoaded(ExtensionBase extension) throws Exception;

    /**
     * Runs {@code extension}'s {@code onModuleLoaded} hook.
     *
     * @param extension the extension
     * @param module the loaded extension's module
     * @throws Exception whatever the hook throws
     */
    public abstract void onModuleLoaded(ExtensionBase extension, ExtensionModule module) throws Exception;
}
