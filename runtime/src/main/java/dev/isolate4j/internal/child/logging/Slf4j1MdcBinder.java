package dev.isolate4j.internal.child.logging;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/**
 * SLF4J 1.7's MDC for the host binding, defined as {@code org.slf4j.impl.StaticMDCBinder} beside
 * {@link Slf4j1LoggerBinder}. SLF4J 1.7 reads {@code SINGLETON} or calls {@code getSingleton()},
 * depending on its version.
 */
public final class Slf4j1MdcBinder {
    /** The binder, as SLF4J before 1.7.14 reads it. */
    public static final Slf4j1MdcBinder SINGLETON = new Slf4j1MdcBinder();

    private Slf4j1MdcBinder() {}

    /** {@return the binder} */
    public static Slf4j1MdcBinder getSingleton() {
        return SINGLETON;
    }

    /** {@return a thread-local MDC, which {@link HostLogger} copies into each event} */
    public MDCAdapter getMDCA() {
        return new BasicMDCAdapter();
    }

    /** {@return the MDC's class name} */
    public String getMDCAdapterClassStr() {
        return BasicMDCAdapter.class.getName();
    }
}
