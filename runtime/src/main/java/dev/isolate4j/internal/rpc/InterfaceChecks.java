package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash of an interface's method signatures, sent with every call: the receiving side compares
 * it with its own, so that two sides built from different versions of an interface fail with a
 * clear error instead of dispatching by a method id that means another method.
 */
public final class InterfaceChecks {
    private static final ClassValue<Integer> HASHES = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return hashOf(RemoteInterfaces.of(type));
        }
    };

    private InterfaceChecks() {}

    static int hash(RemoteInterface<?> descriptor) {
        return HASHES.get(descriptor.type());
    }

    /** Separates the callee's signatures from the message, for the caller to compare with its own. */
    private static final String SIGNATURES = "\n(signatures here: ";

    private static final String SEPARATOR = "\u001f";

    /**
     * The error for a call whose interface hash is none of the callee's: it carries our signatures,
     * and the caller's side ({@link #describeMismatch}) names the methods that differ.
     *
     * @param ours the interface the callee was exported as
     * @param side names the callee's side in the message
     * @return the exception to throw
     */
    static InterfaceMismatchException mismatch(RemoteInterface<?> ours, String side) {
        return new InterfaceMismatchException(ours.type().getName() + " differs between the caller and " + side
                + "; rebuild both sides against the same version of the interface" + SIGNATURES
                + String.join(SEPARATOR, signaturesOf(ours)) + ")");
    }

    /**
     * What a caller is told when the callee refused its call for a different version of {@code
     * ours}: the methods that differ, by id, from the signatures the callee sent.
     *
     * @param ours the caller's version of the interface
     * @param remoteMessage the callee's {@link InterfaceMismatchException} message
     * @return the message for the caller
     */
    static String describeMismatch(RemoteInterface<?> ours, String remoteMessage) {
        int at = remoteMessage == null ? -1 : remoteMessage.indexOf(SIGNATURES);
        if (at < 0 || !remoteMessage.endsWith(")")) {
            return remoteMessage;
        }
        String body = remoteMessage.substring(at + SIGNATURES.length(), remoteMessage.length() - 1);
        List<String> theirs = body.isEmpty() ? List.of() : List.of(body.split(SEPARATOR, -1));
        return remoteMessage.substring(0, at) + ": "
                + String.join("; ", differences(signaturesOf(ours), theirs, "the caller", "the callee"));
    }

    /**
     * The methods, by id, whose signatures differ between two versions of an interface, e.g.
     * "method 3: the host has b(int)void, the extension has (none)".
     *
     * @param ours one side's signatures, in method-id order
     * @param theirs the other side's
     * @param ourName names the first side in the text
     * @param theirName names the other
     * @return one line per differing method id
     */
    public static List<String> differences(List<String> ours, List<String> theirs, String ourName, String theirName) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(ours.size(), theirs.size()); i++) {
            String mine = i < ours.size() ? ours.get(i) : "(none)";
            String other = i < theirs.size() ? theirs.get(i) : "(none)";
            if (!mine.equals(other)) {
                differences.add("method " + i + ": " + ourName + " has " + mine + ", " + theirName + " has " + other);
            }
        }
        return differences;
    }

    /**
     * The signatures of {@code descriptor}'s methods, in method-id order.
     *
     * @param descriptor an interface's descriptor
     * @return the signatures
     */
    public static List<String> signaturesOf(RemoteInterface<?> descriptor) {
        return descriptor.methods().stream().map(MethodDescriptor::signature).toList();
    }

    private static int hashOf(RemoteInterface<?> descriptor) {
        int hash = 1;
        for (MethodDescriptor method : descriptor.methods()) {
            hash = 31 * hash + method.signature().hashCode();
        }
        return hash;
    }

    /** The two sides of a call were built from different versions of an interface. */
    static final class InterfaceMismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        InterfaceMismatchException(String message) {
            super(message);
        }
    }
}
