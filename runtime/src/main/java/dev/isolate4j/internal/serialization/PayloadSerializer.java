package dev.isolate4j.internal.serialization;

import dev.isolate4j.internal.QuietMachine;
import dev.isolate4j.spi.RecordCodec;
import dev.isolate4j.spi.RemoteInterface;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses each payload's format and writes it: the simple values most calls carry without Fory
 * ({@link SimpleValues}), the rest with the connection's Fory instance ({@link ForyInstance}, which
 * keeps that instance's registrations and life). A first byte says which format follows.
 */
public final class PayloadSerializer {
    private static final byte FORY = 0;
    private static final byte SIMPLE = 1;
    private static final byte FORY_TRACKING_REFERENCES = 2;
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();
    /** The longest the warm-up waits for a quiet machine; then the first use loads Fory. */
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(30);

    /**
     * Whether this process's Fory logs through SLF4J; here, not in {@link ForyBuilds}, whose
     * verification loads Fory's classes, which a child's start does not need.
     */
    private static volatile boolean foryLogsThroughSlf4j;

    private final EncodeBuffer spare = new EncodeBuffer();
    private final RecordCodecs codecs = new RecordCodecs();
    private final RegisteredEnums enums = new RegisteredEnums();
    private final SimpleValues.Connection connection;
    /** Whether an interface registered here declares a value that may need Fory. */
    private volatile boolean valuesMayNeedFory;

    private final ForyInstance fory;
    /** For the methods whose values reach objects with an identity; built at its first use. */
    private final ForyInstance trackingFory;

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
        this.connection = new SimpleValues.Connection(codecs, enums, sharedMemoryDisabledReason);
        this.fory = new ForyInstance(codegen, false, sharedMemoryDisabledReason);
        this.trackingFory = new ForyInstance(codegen, true, sharedMemoryDisabledReason);
    }

    /**
     * Sends the log messages of this process's Fory through SLF4J from now on, rather than Fory's
     * own logger, which prints to standard output with a time stamp. For a child, whose SLF4J goes
     * to the host as events of the extension's log: Fory's own logger formats its time stamps with
     * {@code java.time}, whose formatter loads about 110 classes of the JDK and locale data that a
     * child keeps for its life. Call it before this process builds its first Fory; a host leaves
     * Fory's logging as its application set it.
     */
    public static void logForyThroughSlf4j() {
        foryLogsThroughSlf4j = true;
    }

    static boolean foryLogsThroughSlf4j() {
        return foryLogsThroughSlf4j;
    }

    /**
     * Loads and initializes Fory's classes on a background thread, once per JVM, once the machine is
     * quiet: a host that creates an {@code ExtensionManager} pays for them while it waits, not at the
     * first call that needs them, where they cost more than the rest of the call and of the child's
     * start together; and not while its first extensions start or its calls run, which need the
     * processors (see {@link QuietMachine}).
     */
    public static void warmUpInBackground() {
        if (WARMED_UP.compareAndSet(false, true)) {
            QuietMachine.runWhenQuiet("isolate4j-fory-warm-up", WARM_UP_WAIT, () -> {
                PayloadSerializer serializer = new PayloadSerializer(true, "warm-up");
                serializer.deserialize(ByteBuffer.wrap(serializer.serialize(new Object[] {"warm-up", 1, 2L, 3.0})));
            });
        }
    }

    /**
     * Builds the Fory instance now, ahead of its first use, when a registered interface's values may
     * need it ({@code RemoteInterface.valuesNeedFory()}): in a child JVM that has just started,
     * loading Fory takes longer than everything else before the first call, and a second thread can
     * pay for it while the main thread connects and loads the extension. A connection whose values
     * the runtime writes itself never builds it, which keeps its child about 6 MiB smaller; a value
     * that needs it after all builds it then.
     */
    public void prebuildIfNeeded() {
        if (valuesMayNeedFory) {
            fory.prebuild();
        }
    }

    /** {@return whether this serializer has built its Fory (the one for values without reference tracking)} */
    boolean foryBuilt() {
        return fory.built();
    }

    /**
     * Makes the values of {@code descriptor}'s interface readable and writable: its application
     * types, and its records by their codecs; cheap when all are registered already.
     *
     * @param descriptor an interface the connection serves or calls
     */
    public void register(RemoteInterface<?> descriptor) {
        register(descriptor.serializedTypes());
        if (descriptor.valuesNeedFory()) {
            valuesMayNeedFory = true; // never set back: a registration on another thread loses nothing
        }
        codecs.register(descriptor.recordCodecs());
        codecs.registerTypes(descriptor.serializedTypes());
        enums.register(descriptor.serializedTypes());
    }

    /**
     * Writes the records of {@code recordCodecs} by their components, without Fory, whenever those
     * are simple values; for the records the connection itself puts in payloads.
     *
     * @param recordCodecs the codecs, one per record class
     */
    public void registerCodecs(Collection<RecordCodec<?>> recordCodecs) {
        codecs.register(recordCodecs);
    }

    /**
     * Makes {@code types} readable and writable through Fory; cheap when all are registered already.
     *
     * @param types application types, as listed by {@code RemoteInterface.serializedTypes()}
     */
    public void register(Collection<Class<?>> types) {
        fory.register(types);
        trackingFory.register(types);
    }

    /**
     * A serialized value: parts to write one after the other, and the array the frame ends with as
     * its segment, or {@code null} (see {@code FrameFormat}).
     *
     * @param parts the payload, in order
     * @param segment the frame's segment, or {@code null}
     * @param lent the serializer's buffer the parts use, to give back with {@link
     *     PayloadSerializer#written} once the frame is written; {@code null} when they use none
     */
    public record Payload(List<ByteBuffer> parts, byte[] segment, ByteBuffer lent) {
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
     * @param tracksReferences whether objects reached twice, and cycles, must cross as they are
     *     ({@code MethodDescriptor.tracksReferences()})
     * @return the payload
     */
    public Payload encode(Object value, boolean tracksReferences) {
        return encode(value, tracksReferences, false);
    }

    /**
     * {@link #encode}, into this serializer's spare buffer when no other encoding has it: for a
     * frame written at once, whose caller then gives the buffer back with {@link #written}. A
     * payload that waits to be written (a stream's item) takes {@link #encode}.
     *
     * <pre>{@code
     * Payload payload = serializer.encodeToWrite(args, false);
     * try {
     *     writer.write(FrameType.CALL, id, payload.segment(), parts);
     * } finally {
     *     serializer.written(payload);
     * }
     * }</pre>
     *
     * @param value an argument list or result, or {@code null}
     * @param tracksReferences as for {@link #encode}
     * @return the payload
     */
    public Payload encodeToWrite(Object value, boolean tracksReferences) {
        return encode(value, tracksReferences, true);
    }

    /**
     * Takes back the buffer {@code payload} was lent, once its frame is written or given up: its
     * bytes are read no more.
     *
     * @param payload a payload of {@link #encodeToWrite}
     */
    public void written(Payload payload) {
        spare.giveBack(payload.lent());
    }

    private Payload encode(Object value, boolean tracksReferences, boolean lend) {
        SimpleValues.Plan plan = SimpleValues.plan(value, connection);
        if (plan != null) {
            byte[] segment = SimpleValues.segmentOf(value);
            SimpleValues.Writer writer = SimpleValues.encode(plan, SIMPLE, segment, lend ? spare.borrow() : null);
            return new Payload(writer.finish(), segment, lend ? writer.largest() : null);
        }
        ForyInstance instance = tracksReferences ? trackingFory : fory;
        byte format = tracksReferences ? FORY_TRACKING_REFERENCES : FORY;
        return new Payload(
                List.of(ByteBuffer.wrap(new byte[] {format}), ByteBuffer.wrap(foryBytes(instance, value))), null, null);
    }

    /**
     * Serializes {@code value} into one array, with no segment; see {@link #encode}.
     *
     * @param value an argument list, result or event payload, or {@code null}
     * @return the bytes
     */
    public byte[] serialize(Object value) {
        SimpleValues.Plan plan = SimpleValues.plan(value, connection);
        if (plan != null) {
            return SimpleValues.join(SimpleValues.encode(plan, SIMPLE, null));
        }
        byte[] serialized = foryBytes(fory, value);
        byte[] bytes = new byte[1 + serialized.length];
        bytes[0] = FORY;
        System.arraycopy(serialized, 0, bytes, 1, serialized.length);
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
            return SimpleValues.decode(in, segment, connection);
        }
        if (format != FORY && format != FORY_TRACKING_REFERENCES) {
            throw new IllegalArgumentException("unknown payload format " + format + "; accepted: " + FORY + " (Fory), "
                    + SIMPLE + " (simple), " + FORY_TRACKING_REFERENCES + " (Fory, tracking references)");
        }
        if (segment != null) {
            throw new IllegalArgumentException("a Fory payload comes with a segment of " + segment.length + " bytes");
        }
        ForyInstance instance = format == FORY ? fory : trackingFory;
        try {
            return instance.get().deserialize(in.slice());
        } catch (RuntimeException e) {
            throw ForyMessages.translate(e);
        }
    }

    private static byte[] foryBytes(ForyInstance instance, Object value) {
        try {
            return instance.get().serialize(value);
        } catch (RuntimeException e) {
            throw ForyMessages.translate(e);
        }
    }
}
