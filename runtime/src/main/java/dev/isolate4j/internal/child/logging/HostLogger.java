package dev.isolate4j.internal.child.logging;

import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MarkerIgnoringBase;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger of the child whose events go to the host's SLF4J through {@link HostLog}, from
 * the level the host's root logger logs.
 *
 * <p>Written against the API that SLF4J 1.7 and 2.x share ({@code MarkerIgnoringBase}, {@code
 * MessageFormatter.arrayFormat}, {@code MDC.getCopyOfContextMap}): the same bytes serve the
 * runtime's own SLF4J 2 and, defined again in an isolated extension's class loader, whatever SLF4J
 * version the extension brings ({@link ExtensionSlf4j}).
 */
@SuppressWarnings("deprecation") // MarkerIgnoringBase: deprecated in SLF4J 2, the only base 1.7 has
final class HostLogger extends MarkerIgnoringBase {
    private static final long serialVersionUID = 1L;

    HostLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return HostLog.enabled(0);
    }

    @Override
    public void trace(String message) {
        send(0, message, null, null);
    }

    @Override
    public void trace(String format, Object argument) {
        send(0, format, new Object[] {argument}, null);
    }

    @Override
    public void trace(String format, Object first, Object second) {
        send(0, format, new Object[] {first, second}, null);
    }

    @Override
    public void trace(String format, Object... arguments) {
        send(0, format, arguments, null);
    }

    @Override
    public void trace(String message, Throwable error) {
        send(0, message, null, error);
    }

    @Override
    public boolean isDebugEnabled() {
        return HostLog.enabled(1);
    }

    @Override
    public void debug(String message) {
        send(1, message, null, null);
    }

    @Override
    public void debug(String format, Object argument) {
        send(1, format, new Object[] {argument}, null);
    }

    @Override
    public void debug(String format, Object first, Object second) {
        send(1, format, new Object[] {first, second}, null);
    }

    @Override
    public void debug(String format, Object... arguments) {
        send(1, format, arguments, null);
    }

    @Override
    public void debug(String message, Throwable error) {
        send(1, message, null, error);
    }

    @Override
    public boolean isInfoEnabled() {
        return HostLog.enabled(2);
    }

    @Override
    public void info(String message) {
        send(2, message, null, null);
    }

    @Override
    public void info(String format, Object argument) {
        send(2, format, new Object[] {argument}, null);
    }

    @Override
    public void info(String format, Object first, Object second) {
        send(2, format, new Object[] {first, second}, null);
    }

    @Override
    public void info(String format, Object... arguments) {
        send(2, format, arguments, null);
    }

    @Override
    public void info(String message, Throwable error) {
        send(2, message, null, error);
    }

    @Override
    public boolean isWarnEnabled() {
        return HostLog.enabled(3);
    }

    @Override
    public void warn(String message) {
        send(3, message, null, null);
    }

    @Override
    public void warn(String format, Object argument) {
        send(3, format, new Object[] {argument}, null);
    }

    @Override
    public void warn(String format, Object first, Object second) {
        send(3, format, new Object[] {first, second}, null);
    }

    @Override
    public void warn(String format, Object... arguments) {
        send(3, format, arguments, null);
    }

    @Override
    public void warn(String message, Throwable error) {
        send(3, message, null, error);
    }

    @Override
    public boolean isErrorEnabled() {
        return HostLog.enabled(4);
    }

    @Override
    public void error(String message) {
        send(4, message, null, null);
    }

    @Override
    public void error(String format, Object argument) {
        send(4, format, new Object[] {argument}, null);
    }

    @Override
    public void error(String format, Object first, Object second) {
        send(4, format, new Object[] {first, second}, null);
    }

    @Override
    public void error(String format, Object... arguments) {
        send(4, format, arguments, null);
    }

    @Override
    public void error(String message, Throwable error) {
        send(4, message, null, error);
    }

    private void send(int level, String format, Object[] arguments, Throwable error) {
        if (!HostLog.enabled(level)) {
            return;
        }
        String message = format;
        Throwable thrown = error;
        if (arguments != null) {
            // Takes a trailing Throwable among the arguments as the event's, as every binding does.
            FormattingTuple formatted = MessageFormatter.arrayFormat(format, arguments);
            message = formatted.getMessage();
            thrown = formatted.getThrowable();
        }
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        HostLog.log(level, name, message, mdc == null ? Map.of() : mdc, thrown);
    }
}
