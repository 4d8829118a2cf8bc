package dev.isolate4j.internal.serialization;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.internal.sharedmemory.SharedBufferSerializer;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;

/**
 * Serializes call arguments and results with Apache Fory, with class registration required: only
 * JDK types Fory knows and the application types that generated descriptors list can be read.
 *
 * <p>Fory freezes its registrations at the first use, but the interfaces a connection meets are
 * discovered as it goes (a callee registered late, a caller created on demand). So registration is
 * copy-on-write: a new type set builds a new Fory instance, published through a volatile field,
 * and types are registered by name so that the two sides need not register in the same order.
 *
 * <p>A new instance is built lazily, at the first use after a registration: a connection
 * registers several interfaces while it starts, and each Fory instance costs milliseconds to build.
 */
public final class PayloadSerializer {
    private static final String NAMESPACE = "isolate4j:";

    private final Object registrationLock = new Object();
    /** Guarded by {@code registrationLock}. */
    private final Set<Class<?>> registered = new LinkedHashSet<>();

    private final boolean codegen;
    private final String sharedMemoryDisabledReason;
    /** {@code null} until the first use, and again after each new registration. */
    private volatile ThreadSafeFory fory;

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
     * Loads and initializes Fory's classes, the bulk of a child JVM's start-up, so that a thread
     * with nothing else to do can pay for them while the main thread connects and loads.
     */
    public static void warmUp() {
        PayloadSerializer serializer = new PayloadSerializer(false, "warm-up");
        serializer.deserialize(ByteBuffer.wrap(serializer.serialize(new Object[] {"warm-up", 1, 2L, 3.0})));
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
            registered.addAll(types);
            fory = null;
        }
    }

    /**
     * Serializes {@code value}.
     *
     * @param value an argument, result or event payload, or {@code null}
     * @return the bytes
     */
    public byte[] serialize(Object value) {
        return fory().serialize(value);
    }

    /**
     * Deserializes what {@link #serialize} wrote.
     *
     * @param bytes the bytes
     * @return the value
     */
    public Object deserialize(ByteBuffer bytes) {
        return fory().deserialize(bytes);
    }

    private ThreadSafeFory fory() {
        ThreadSafeFory current = fory;
        if (current != null) {
            return current;
        }
        synchronized (registrationLock) {
            if (fory == null) {
                fory = build(registered);
            }
            return fory;
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
            // Fory wants a dot-free type name within a namespace: the package is the namespace.
            String pkg = type.getPackageName();
            String simple = pkg.isEmpty() ? type.getName() : type.getName().substring(pkg.length() + 1);
            fory.register(type, NAMESPACE + pkg, simple);
        }
        return fory;
    }
}
