package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.spi.MethodDescriptor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Serves one CALL frame on a worker thread: decode, dispatch, reply. */
final class IncomingCall implements Runnable {
    private final RpcConnection connection;
    private final Frame frame;

    IncomingCall(RpcConnection connection, Frame frame) {
        this.connection = connection;
        this.frame = frame;
    }

    @Override
    public void run() {
        long callId = frame.callId();
        try {
            BodyReader body = RpcConnection.bodyOf(frame);
            String objectId = body.getString();
            int methodId = body.getInt();
            Optional<LocalObject> target = connection.localObjects().find(objectId);
            if (target.isEmpty()) {
                throw new IllegalArgumentException(
                        "no object with id '" + objectId + "' is registered in " + connection.name() + "; registered: "
                                + connection.localObjects().describe());
            }
            Object[] args = (Object[]) connection.serializer().deserialize(body.rest());
            Object result = target.get().dispatcher().dispatch(methodId, args);
            if (isAsync(target.get(), methodId) && result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> {
                    if (error == null) {
                        connection.reply(callId, value);
                    } else {
                        connection.replyError(callId, error);
                    }
                });
            } else {
                connection.reply(callId, result);
            }
        } catch (Throwable t) {
            connection.replyError(callId, t);
        }
    }

    private static boolean isAsync(LocalObject object, int methodId) {
        List<MethodDescriptor> methods = object.descriptor().methods();
        return methodId >= 0
                && methodId < methods.size()
                && methods.get(methodId).async();
    }
}
