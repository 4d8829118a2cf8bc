package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.RecordCodec;
import java.util.List;

/**
 * Codecs of the records a connection itself puts in payloads ({@link RemoteRef}, {@link
 * StreamRef}), written as the processor writes those of an interface's records: a callback or a
 * stream then crosses without Fory.
 */
final class WireRecordCodecs {
    static final List<RecordCodec<?>> ALL = List.of(new RemoteRefCodec(), new StreamRefCodec());

    private WireRecordCodecs() {}

    private static final class RemoteRefCodec extends RecordCodec<RemoteRef> {
        RemoteRefCodec() {
            super(RemoteRef.class, List.of("java.lang.String objectId", "boolean senderOwned"));
        }

        @Override
        public Object[] components(RemoteRef value) {
            return new Object[] {value.objectId(), value.senderOwned()};
        }

        @Override
        public RemoteRef create(Object[] components) {
            return new RemoteRef((String) components[0], (Boolean) components[1]);
        }
    }

    private static final class StreamRefCodec extends RecordCodec<StreamRef> {
        StreamRefCodec() {
            super(StreamRef.class, List.of("long streamId"));
        }

        @Override
        public Object[] components(StreamRef value) {
            return new Object[] {value.streamId()};
        }

        @Override
        public StreamRef create(Object[] components) {
            return new StreamRef((Long) components[0]);
        }
    }
}
