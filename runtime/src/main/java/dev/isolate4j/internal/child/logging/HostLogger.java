package dev.isolate4j.internal.child.logging;

import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger of the child whose events go to the host's SLF4J (INFO and above). */
final class HostLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    HostLogger(String name) {
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
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        HostLog.log(
                4 - level.ordinal(), // SLF4J orders ERROR first; LogEvent counts up from TRACE
                name,
                MessageFormatter.basicArrayFormat(messagePattern, arguments),
                mdc == null ? Map.of() : mdc,
                throwable);
    }
}
