package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import dev.isolate4j.spi.RemoteProxy;
import dev.isolate4j.spi.RemoteTarget;
import dev.isolate4j.spi.UnknownMethodException;
import java.util.List;

/** What the processor would generate for {@link EchoV2}. */
public final class EchoV2_Descriptor implements RemoteInterface<EchoV2> {
    private static final List<MethodDescriptor> METHODS = List.of(new MethodDescriptor(
            "echo",
            "echo(java.lang.String,int)java.lang.String",
            false,
            List.of(String.class, int.class),
            String.class,
            List.of()));

    @Override
    public Class<EchoV2> type() {
        return EchoV2.class;
    }

    @Override
    public String id() {
        return EchoV2.class.getCanonicalName();
    }

    @Override
    public boolean singleton() {
        return false;
    }

    @Override
    public List<MethodDescriptor> methods() {
        return METHODS;
    }

    @Override
    public List<Class<?>> serializedTypes() {
        return List.of();
    }

    @Override
    public EchoV2 newProxy(RemoteTarget target) {
        return new Proxy(target);
    }

    @Override
    public Dispatcher newDispatcher(EchoV2 target) {
        return (methodId, args) -> switch (methodId) {
            case 0 -> target.echo((String) args[0], (int) args[1]);
            default -> throw new UnknownMethodException(EchoV2.class, methodId);
        };
    }

    private record Proxy(RemoteTarget remoteTarget) implements EchoV2, RemoteProxy {
        @Override
        public String echo(String text, int times) {
            return (String) remoteTarget.call(0, new Object[] {text, times});
        }
    }
}
