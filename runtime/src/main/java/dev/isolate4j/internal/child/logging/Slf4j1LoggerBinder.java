package dev.isolate4j.internal.child.logging;

import org.slf4j.ILoggerFactory;

/**
 * SLF4J 1.7's binding to the host, defined as {@code org.slf4j.impl.StaticLoggerBinder} in an
 * isolated extension's class loader when the extension brings SLF4J 1.7 without a binding ({@link
 * ExtensionSlf4j}). SLF4J 1.7 calls these members by name; it names no interface for them. No
 * nested classes or lambdas: the class is renamed byte by byte.
 */
public final class Slf4j1LoggerBinder {
    private static final Slf4j1LoggerBinder SINGLETON = new Slf4j1LoggerBinder();

    /** The SLF4J API version this binding is written for; read by SLF4J 1.7's version check. */
    public static final String REQUESTED_API_VERSION = "1.6.99";

    private final ILoggerFactory factory = new HostLoggerFactory();

    private Slf4j1LoggerBinder() {}

    /** {@return the binding} */
    public static Slf4j1LoggerBinder getSingleton() {
        return SINGLETON;
    }

    /** {@return the loggers} */
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    /** {@return the loggers' class name, which SLF4J reports} */
    public String getLoggerFactoryClassStr() {
        return HostLoggerFactory.class.getName();
    }
}
