package dev.isolate4j.internal.rpc;

import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.util.Map;

/**
 * Turns the failure a call's future holds into what the caller's thread throws: the caller's own
 * frames are appended to the remote ones, and a checked exception the method declares is rebuilt
 * as itself when its class exists here. Runs only when a call failed, never on a call that
 * succeeds.
 */
final class RemoteFailures {
    private RemoteFailures() {}

    /**
     * What a blocking call throws for {@code failure}; may be a checked exception, thrown sneakily.
     *
     * @param errorFields the field values that came with a remote exception, by name
     */
    static Throwable forCaller(
            Throwable failure, RemoteInterface<?> target, MethodDescriptor method, Map<String, Object> errorFields) {
        StackTraceElement[] local = new Throwable().getStackTrace();
        if (failure instanceof RemoteMethodException remote) {
            remote.setStackTrace(concat(remote.getStackTrace(), local));
            return translate(remote, target, method, errorFields);
        }
        // Connection-level failures are shared by every pending call: give each caller its own.
        if (failure instanceof ExtensionTerminatedException terminated) {
            return new ExtensionTerminatedException(terminated);
        }
        if (failure instanceof RemoteCallException call) {
            return new RemoteCallException(call.getMessage(), call);
        }
        if (failure instanceof RuntimeException || failure instanceof Error) {
            return failure;
        }
        return new RemoteCallException(failure.toString(), failure);
    }

    /**
     * What an asynchronous call's future fails with when the remote method threw: what a blocking
     * call would throw, without the local frames (the thread completing the future is not the
     * caller's).
     */
    static Throwable forAsyncCaller(
            RemoteMethodException remote,
            RemoteInterface<?> target,
            MethodDescriptor method,
            Map<String, Object> errorFields) {
        return translate(remote, target, method, errorFields);
    }

    private static Throwable translate(
            RemoteMethodException remote,
            RemoteInterface<?> target,
            MethodDescriptor method,
            Map<String, Object> errorFields) {
        if (InterfaceChecks.InterfaceMismatchException.class.getName().equals(remote.remoteClassName())) {
            String called = method == null ? "an unknown method" : method.signature();
            return new RemoteCallException(
                    "call to " + called + " of " + target.type().getName() + " failed: "
                            + InterfaceChecks.describeMismatch(target, remote.remoteMessage()),
                    remote);
        }
        if (RemoteCallException.class.getName().equals(remote.remoteClassName())) {
            // The other side's runtime refused the call (no room, too many calls): its words, as they are.
            return new RemoteCallException(remote.remoteMessage(), remote);
        }
        Throwable declared =
                DeclaredExceptions.rebuild(remote, method, target.type().getClassLoader(), errorFields);
        return declared != null ? declared : remote;
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    private static StackTraceElement[] concat(StackTraceElement[] remote, StackTraceElement[] local) {
        StackTraceElement[] all = new StackTraceElement[remote.length + local.length];
        System.arraycopy(remote, 0, all, 0, remote.length);
        System.arraycopy(local, 0, all, remote.length, local.length);
        return all;
    }
}
