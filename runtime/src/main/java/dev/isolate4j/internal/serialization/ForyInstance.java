package dev.isolate4j.internal.serialization;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.fory.ThreadSafeFory;

/**
 * The Fory instance of one connection, through its life: registration required (only JDK types Fory
 * knows and the application types that generated descriptors list can be read), types registered
 * by name so that the two sides need not register in the same order.
 *
 * <p>Fory freezes its registrations at the first use, but the interfaces a connection meets are
 * discovered as it goes (a callee registered late, a caller created on demand). So registration is
 * copy-on-write once the instance is in use: a new type set then builds a new Fory instance,
 * published through a volatile field.
 *
 * <p>An instance costs milliseconds to build (tens in a JVM that has just started), so it is built
 * once where possible: lazily, at the first use, or ahead of time by {@link #prebuild()} on a thread
 * with nothing else to do; registrations before the first use go into it in place.
 *
 * <p>What a build does is {@link ForyBuilds}'s: this class names none of Fory's serializers, so a
 * child that starts without Fory (its first calls carry simple values) does not open Fory's jar to
 * verify this class.
 *
 * <p>{@code registrationLock} guards the registered types and a build in progress; a thread that
 * finds a build in progress waits on it, which releases it. It is never held across I/O.
 */
final class ForyInstance {
    private final Object registrationLock = new Object();
    /** Guarded by {@code registrationLock}. */
    private final Set<Class<?>> registered = new LinkedHashSet<>();

    private final boolean codegen;
    private final boolean tracksReferences;
    private final String sharedMemoryDisabledReason;
    /** {@code null} until built, and again after a registration that came after the first use. */
    private volatile ThreadSafeFory fory;
    /** Whether {@link #fory} has been used, which freezes its registrations. */
    private volatile boolean inUse;
    /** Guarded by {@code registrationLock}: a {@link #prebuild()} runs, outside the lock. */
    private boolean building;

    /**
     * @param tracksReferences whether objects are written once however often they are reached, so
     *     that shared objects and cycles cross as they are; the bookkeeping costs every value, so a
     *     connection uses it only for the methods whose types need it
     */
    ForyInstance(boolean codegen, boolean tracksReferences, String sharedMemoryDisabledReason) {
        this.codegen = codegen;
        this.tracksReferences = tracksReferences;
        this.sharedMemoryDisabledReason = sharedMemoryDisabledReason;
    }

    /**
     * Builds the Fory instance now, ahead of its first use: in a child JVM that has just started,
     * loading Fory takes longer than everything else before the first call, and a second thread
     * can pay for it while the main thread connects and loads the extension.
     */
    void prebuild() {
        Set<Class<?>> types;
        synchronized (registrationLock) {
            if (fory != null || building) {
                return;
            }
            building = true;
            types = Set.copyOf(registered);
        }
        try {
            // Outside the lock: registrations meanwhile must not wait for the build, which is long.
            ThreadSafeFory built = build(types);
            synchronized (registrationLock) {
                if (fory == null) {
                    for (Class<?> type : registered) {
                        if (!types.contains(type)) {
                            ForyBuilds.registerInto(built, type);
                        }
                    }
                    fory = built;
                }
            }
        } finally {
            // A failed build leaves the next use to build, and to report the error to its caller.
            synchronized (registrationLock) {
                building = false;
                registrationLock.notifyAll();
            }
        }
    }

    /**
     * Makes {@code types} readable and writable; cheap when all are registered already.
     *
     * @param types application types, as listed by {@code RemoteInterface.serializedTypes()}
     */
    void register(Collection<Class<?>> types) {
        synchronized (registrationLock) {
            if (registered.containsAll(types)) {
                return;
            }
            if (fory != null && !inUse) {
                for (Class<?> type : types) {
                    if (!registered.contains(type)) {
                        ForyBuilds.registerInto(fory, type);
                    }
                }
            } else {
                fory = null;
                inUse = false;
            }
            registered.addAll(types);
        }
    }

    /** {@return whether an instance is built, ahead of time or by a use} */
    boolean built() {
        return fory != null;
    }

    /** {@return the instance, built now if need be; its registrations are frozen from now on} */
    ThreadSafeFory get() {
        ThreadSafeFory current = fory;
        if (current != null && inUse) {
            return current;
        }
        synchronized (registrationLock) {
            awaitPrebuild();
            if (fory == null) {
                fory = build(registered);
            }
            inUse = true;
            return fory;
        }
    }

    /** Waits, holding the lock, for a build in progress rather than building a second instance. */
    private void awaitPrebuild() {
        boolean interrupted = false;
        while (building && fory == null) {
            try {
                registrationLock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadSafeFory build(Set<Class<?>> types) {
        ThreadSafeFory fory = ForyBuilds.newFory(codegen, tracksReferences, sharedMemoryDisabledReason);
        for (Class<?> type : types) {
            ForyBuilds.registerInto(fory, type);
        }
        return fory;
    }
}
