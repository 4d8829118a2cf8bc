package dev.isolate4j.it;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A host's SLF4J binding that prints the MDC, as a user's Logback pattern with {@code %X} does:
 * {@code LEVEL logger {mdc} - message}, to stdout. Named with {@code -Dslf4j.provider} by {@link
 * MdcHost}'s JVM alone; the tests' own JVM keeps slf4j-simple, whose MDC does nothing.
 */
public final class MdcPrintingSlf4jProvider implements SLF4JServiceProvider {
    private final ILoggerFactory loggers = PrintingLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {}

    private static final class PrintingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        PrintingLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            // No map at all while nothing was put (the host logs before the call, e.g. without bwrap).
            java.util.Map<String, String> mdc = MDC.getCopyOfContextMap();
            System.out.println(
                    level + " " + name + " " + new java.util.TreeMap<>(mdc == null ? java.util.Map.of() : mdc) + " - "
                            + MessageFormatter.basicArrayFormat(pattern, arguments));
        }
    }
}
