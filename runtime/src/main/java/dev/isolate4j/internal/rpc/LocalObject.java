package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.RemoteInterface;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An object this side exports: calls to its id are dispatched to it, through the {@code @Callee}
 * interface it was exported as, or through any other {@code @Callee} interface it implements (a
 * super-interface, say), which the caller names by the interface hash its call carries.
 */
public final class LocalObject {
    private final RemoteInterface<?> descriptor;
    private final Dispatcher dispatcher;
    private final Object implementation;
    /** The object seen through its other {@code @Callee} interfaces, by interface hash, once called so. */
    private final Map<Integer, LocalObject> views = new ConcurrentHashMap<>();

    private LocalObject(RemoteInterface<?> descriptor, Dispatcher dispatcher, Object implementation) {
        this.descriptor = descriptor;
        this.dispatcher = dispatcher;
        this.implementation = implementation;
    }

    /**
     * Wraps {@code implementation} with a dispatcher generated for {@code descriptor}'s interface.
     *
     * @param <T> the remote interface
     * @param descriptor the interface's descriptor
     * @param implementation the object to call
     * @return the local object
     * @throws IllegalArgumentException when {@code implementation} does not implement the interface
     */
    public static <T> LocalObject of(RemoteInterface<T> descriptor, Object implementation) {
        if (!descriptor.type().isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement "
                    + descriptor.type().getName());
        }
        return new LocalObject(
                descriptor, descriptor.newDispatcher(descriptor.type().cast(implementation)), implementation);
    }

    /** {@return the interface the object was exported as} */
    public RemoteInterface<?> descriptor() {
        return descriptor;
    }

    /** {@return the dispatcher of that interface} */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * The object as a caller sees it: through the {@code @Callee} interface whose hash its call
     * carries.
     *
     * @param interfaceHash the hash the call carries
     * @param side names this side in the message when no interface matches
     * @return this, or a view of the object through another of its interfaces
     * @throws InterfaceChecks.InterfaceMismatchException when none of the object's interfaces has
     *     that hash: the caller was built against another version of one of them
     */
    LocalObject as(int interfaceHash, String side) {
        if (InterfaceChecks.hash(descriptor) == interfaceHash) {
            return this;
        }
        LocalObject view = views.get(interfaceHash);
        if (view != null) {
            return view;
        }
        for (Class<?> type : CalleeTypes.calleeInterfaces(implementation.getClass())) {
            RemoteInterface<?> other = RemoteInterfaces.find(type);
            if (other != null && InterfaceChecks.hash(other) == interfaceHash) {
                return views.computeIfAbsent(interfaceHash, hash -> of(other, implementation));
            }
        }
        throw InterfaceChecks.mismatch(descriptor, side);
    }
}
