package dev.isolate4j.internal.serialization;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.sharedmemory.SharedBufferSerializer;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;

/**
 * Serializes call arguments and results with Apache Fory, with class registration required: only
 * JDK types Fory knows and the application types that generated descriptors list can be read.
 *
 * <p>Fory freezes its registrations at the first use, but the interfaces a connection meets are
 * discovered as it goes (a callee registered late, a caller created on demand). So registration is
 * copy-on-write once the instance is in use: a new type set then builds a new Fory instance,
 * published through a volatile field. Types are registered by name so that the two sides need not
 * register in the same order.
 *
 * <p>An instance costs milliseconds to build (tens in a JVM that has just started), so it is built
 * once where possible: lazily, at the first use, or ahead of time by {@link #prebuild()} on a thread
 * with nothing else to do; registrations before the first use go into it in place.
 */
public final class PayloadSerializer {
    private static final String NAMESPACE = "isolate4j:";
    private static final byte FORY = 0;
    private static final byte SIMPLE = 1;
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private final Object registrationLock = new Object();
    /** Guarded by {@code registrationLock}. */
    private final Set<Class<?>> registered = new LinkedHashSet<>();

    private final boolean codegen;
    private final String sharedMemoryDisabledReason;
    /** {@code null} until built, and again after a registration that came after the first use. */
    private volatile ThreadSafeFory fory;
    /** Whether {@link #fory} has been used, which freezes its registrations. */
    private volatile boolean inUse;
    /** Guarded by {@code registrationLock}: a {@link #prebuild()} runs, outside the lock. */
    private boolean building;

    /** For tests: code generation on, shared buffers refused. */
    public PayloadSerializer() {
        this(true, "shared buffers are not enabled on this connection");
    }

    /**
     * @param codegen whether Fory may generate serializer code; off in an isolated extension, whose
     *     classes live in a loader that cannot see the runtime's Fory, which the generated code needs
     * @param sharedMemoryDisabledReason {@code null} when {@code SharedBuffer}s may cross; otherwise
     *     the message that refuses them
     */
    public PayloadSerializer(boolean codegen, String sharedMemoryDisabledReason) {
        this.codegen = codegen;
        this.sharedMemoryDisabledReason = sharedMemoryDisabledReason;
    }

    /**
     * Loads and initializes Fory's classes on a background thread, once per JVM: a host that creates
     * an {@code ExtensionManager} pays for them while its first extension starts, not at the first
     * call, where they cost more than the rest of the call and of the child's start together.
     */
    public static void warmUpInBackground() {
        if (WARMED_UP.compareAndSet(false, true)) {
            DaemonThreads.start("isolate4j-fory-warm-up", () -> {
                PayloadSerializer serializer = new PayloadSerializer(true, "warm-up");
                serializer.deserialize(ByteBuffer.wrap(serializer.serialize(new Object[] {"warm-up", 1, 2L, 3.0})));
            });
        }
    }

    /**
     * Builds the Fory instance now, ahead of its first use: in a child JVM that has just started,
     * loading Fory takes longer than everything else before the first call, and a second thread
     * can pay for it while the main thread connects and loads the extension.
     */
    public void prebuild() {
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
                            registerInto(built, type);
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
    public void register(Collection<Class<?>> types) {
        synchronized (registrationLock) {
            if (registered.containsAll(types)) {
                return;
            }
            if (fory != null && !inUse) {
                for (Class<?> type : types) {
                    if (!registered.contains(type)) {
                        registerInto(fory, type);
                    }
                }
            } else {
                fory = null;
                inUse = false;
            }
            registered.addAll(types);
        }
    }

    /**
     * A serialized value: parts to write one after the other, and the array the frame ends with as
     * its segment, or {@code null} (see {@code FrameFormat}).
     *
     * @param parts the payload, in order
     * @param segment the frame's segment, or {@code null}
     */
    public record Payload(List<ByteBuffer> parts, byte[] segment) {
        /** {@return the bytes the payload and its segment take in a frame} */
        public long frameBytes() {
            long bytes = segment == null ? 0 : Integer.BYTES + (long) segment.length;
            for (ByteBuffer part : parts) {
                bytes += part.remaining();
            }
            return bytes;
        }
    }

    /**
     * Serializes {@code value} for a CALL or RESULT frame: strings, boxed primitives, primitive
     * arrays and argument lists of them without Fory ({@link SimpleValues}), the rest with it. A
     * first byte says which. The largest {@code byte[]}, when large, becomes the frame's segment,
     * which the receiver reads straight into the array it hands on.
     *
     * @param value an argument list or result, or {@code null}
     * @return the payload
     */
    public Payload encode(Object value) {
        if (SimpleValues.accepts(value)) {
            byte[] segment = SimpleValues.segmentOf(value);
            return new Payload(SimpleValues.encode(value, SIMPLE, segment), segment);
        }
        return new Payload(List.of(ByteBuffer.wrap(new byte[] {FORY}), ByteBuffer.wrap(fory().serialize(value))), null);
    }

    /**
     * Serializes {@code value} into one array, with no segment; see {@link #encode}.
     *
     * @param value an argument list, result or event payload, or {@code null}
     * @return the bytes
     */
    public byte[] serialize(Object value) {
        if (SimpleValues.accepts(value)) {
            return SimpleValues.join(SimpleValues.encode(value, SIMPLE, null));
        }
        byte[] fory = fory().serialize(value);
        byte[] bytes = new byte[1 + fory.length];
        bytes[0] = FORY;
        System.arraycopy(fory, 0, bytes, 1, fory.length);
        return bytes;
    }

    /**
     * Deserializes what {@link #serialize} wrote.
     *
     * @param bytes the bytes; its position is left as it was
     * @return the value
     * @throws IllegalArgumentException or Fory's exceptions when the bytes are not a payload
     */
    public Object deserialize(ByteBuffer bytes) {
        return deserialize(bytes, null);
    }

    /**
     * Deserializes what {@link #encode} wrote.
     *
     * @param bytes the bytes; its position is left as it was
     * @param segment the frame's segment, or {@code null}
     * @return the value
     * @throws IllegalArgumentException or Fory's exceptions when the bytes are not a payload, or the
     *     segment is not used exactly when it is there
     */
    public Object deserialize(ByteBuffer bytes, byte[] segment) {
        ByteBuffer in = bytes.duplicate();
        if (!in.hasRemaining()) {
            throw new IllegalArgumentException("empty payload");
        }
        byte format = in.get();
        if (format == SIMPLE) {
            return SimpleValues.decode(in, segment);
        }
        if (format != FORY) {
            throw new IllegalArgumentException(
                    "unknown payload format " + format + "; accepted: " + FORY + " (Fory), " + SIMPLE + " (simple)");
        }
        if (segment != null) {
            throw new IllegalArgumentException("a Fory payload comes with a segment of " + segment.length + " bytes");
        }
        return fory().deserialize(in.slice());
    }

    private ThreadSafeFory fory() {
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
        ThreadSafeFory fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .withCodegen(codegen)
                .requireClassRegistration(true)
                // A class this side did not register is refused with its name, not read into a
                // placeholder that only fails later, with a ClassCastException, in the dispatcher.
                .withDeserializeUnknownClass(false)
                .suppressClassRegistrationWarnings(true)
                .withRefTracking(false)
                .buildThreadSafeFory();
        fory.registerSerializerAndType(
                SharedBuffer.class,
                resolver -> new SharedBufferSerializer(resolver.getConfig(), sharedMemoryDisabledReason));
        for (Class<?> type : types) {
            registerInto(fory, type);
        }
        return fory;
    }

    private static void registerInto(ThreadSafeFory fory, Class<?> type) {
        // Fory wants a dot-free type name within a namespace: the package is the namespace.
        String pkg = type.getPackageName();
        String simple = pkg.isEmpty() ? type.getName() : type.getName().substring(pkg.length() + 1);
        fory.register(type, NAMESPACE + pkg, simple);
    }
}
