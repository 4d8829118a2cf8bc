package dev.isolate4j;

import java.time.Duration;

/** A blocking remote call did not complete within its timeout; the remote work is cancelled. */
public class CallTimeoutException extends RemoteCallException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; the message suggests raising the timeout.
     *
     * @param call the call that timed out, as named in the message
     * @param timeout the timeout it exceeded
     */
    public CallTimeoutException(String call, Duration timeout) {
        super(call + " did not complete within " + timeout.toMillis()
                + " ms; raise ExtensionConfig.callTimeout if the work needs longer");
    }
}
