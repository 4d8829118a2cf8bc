package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;

/**
 * A hash of an interface's method signatures, sent with every call: the receiving side compares
 * it with its own, so that two sides built from different versions of an interface fail with a
 * clear error instead of dispatching by a method id that means another method.
 */
final class InterfaceChecks {
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

    /** @throws InterfaceMismatchException when the caller's hash is not ours */
    static void check(RemoteInterface<?> ours, int theirHash, int methodId, String side) {
        if (hash(ours) == theirHash) {
            return;
        }
        String method = methodId >= 0 && methodId < ours.methods().size()
                ? ours.methods().get(methodId).signature()
                : "no method";
        throw new InterfaceMismatchException(ours.type().getName() + " differs between the caller and " + side
                + ", where method id " + methodId + " is " + method
                + "; rebuild both sides against the same version of the interface");
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
