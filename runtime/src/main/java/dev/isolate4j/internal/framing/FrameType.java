package dev.isolate4j.internal.framing;

/** The kinds of frame exchanged between a host and a child; the code is the byte on the wire. */
public enum FrameType {
    /** Child to host, first frame: protocol version, the secret, the child's pid. */
    HELLO(1),
    /** Child to host: the extension is loaded and its hooks ran; carries its interface signatures. */
    READY(2),
    /** Child to host: loading the extension failed; carries the error. */
    LOAD_FAILED(3),
    /** Host to child: stop the extension and exit. */
    SHUTDOWN(4),
    /** Either way: call a method of an object the other side exported. */
    CALL(10),
    /** Either way: the result of a call, by call id. */
    RESULT(11),
    /** Either way: the exception a call ended with, by call id. */
    ERROR(12),
    /** Either way: the caller gave up on a call (timeout or cancellation). */
    CANCEL(13),
    /** Either way: the sender dropped its proxies to a reference it was passed; carries id and count. */
    RELEASE(14),
    /** Child to host: an event for the host's handlers; carries a name and a payload. */
    EVENT(15),
    /** Host to child: report your memory; the call id pairs the answer with the query. */
    MEMORY_QUERY(16),
    /** Child to host: the answer to a MEMORY_QUERY with the same call id. */
    MEMORY(17),
    /**
     * Either way, to a stream's producer: the receiver's subscriber wants {@code n} more items; the
     * first one subscribes to the stream. The call id is the producer's stream id.
     */
    STREAM_REQUEST(20),
    /** Either way, to a stream's receiver: one item, serialized like a result; may carry a segment. */
    STREAM_ITEM(21),
    /** Either way, to a stream's receiver: the stream ended after its last item. */
    STREAM_COMPLETE(22),
    /** Either way, to a stream's receiver: the stream ended with an error, encoded like ERROR's. */
    STREAM_ERROR(23),
    /** Either way, to a stream's producer: the receiver cancelled; stop producing. */
    STREAM_CANCEL(24),
    /** Host to child: the health check's probe; answered by the child's reader with the same call id. */
    PING(30),
    /** Child to host: the answer to a PING with the same call id. */
    PONG(31),
    /** Host to child: report your threads; the call id pairs the answer with the query. */
    THREAD_DUMP_QUERY(32),
    /** Child to host: the answer to a THREAD_DUMP_QUERY with the same call id: UTF-8 text. */
    THREAD_DUMP(33),
    /** Child to host: a log event of the child's SLF4J or java.util.logging. */
    LOG(34);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    /** {@return the type's code on the wire} */
    public byte code() {
        return code;
    }

    /**
     * The type with this code, or {@code null} when the code is unknown.
     *
     * @param code a code read from the wire
     * @return the type, or {@code null}
     */
    public static FrameType ofCode(byte code) {
        return BY_CODE[code & 0xFF];
    }
}
