package dev.isolate4j.internal.child;

import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import dev.isolate4j.spi.RemoteTarget;
import java.util.List;

/**
 * {@link WarmUpEcho}'s descriptor, written as the processor writes one (the runtime runs no
 * processor); {@code RemoteInterfaces} finds it by this name.
 */
public final class WarmUpEcho_Descriptor implements RemoteInterface<WarmUpEcho> {
    private static final List<MethodDescriptor> METHODS = List.of(new MethodDescriptor(
            "echo",
            "echo(java.lang.String)java.lang.String",
            false,
            List.of(String.class),
            String.class,
            List.of(),
            false));

    /** Called by the runtime, which finds this class by name. */
    public WarmUpEcho_Descriptor() {}

    @Override
    public Class<WarmUpEcho> type() {
        return WarmUpEcho.class;
    }

    @Override
    public String id() {
        return WarmUpEcho.class.getName();
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
    public WarmUpEcho newProxy(RemoteTarget target) {
        return new Proxy(target);
    }

    @Override
    public Dispatcher newDispatcher(WarmUpEcho implementation) {
        return new EchoDispatcher(implementation);
    }

    private record Proxy(RemoteTarget target) implements WarmUpEcho {
        @Override
        public String echo(String value) {
            return (String) target.call(0, new Object[] {value});
        }
    }

    private record EchoDispatcher(WarmUpEcho implementation) implements Dispatcher {
        @Override
        public Object dispatch(int methodId, Object[] args) {
            if (methodId != 0) {
                throw new IllegalArgumentException(
                        "unknown method id " + methodId + " of " + WarmUpEcho.class.getName());
            }
            return implementation.echo((String) args[0]);
        }
    }
}
