package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import dev.isolate4j.spi.RemoteProxy;
import dev.isolate4j.spi.RemoteTarget;
import dev.isolate4j.spi.UnknownMethodException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the processor would generate for {@link Echo}; the runtime module cannot run the processor. */
public final class Echo_Descriptor implements RemoteInterface<Echo> {
    static final int ECHO = 0;
    static final int LATER = 1;
    static final int SLEEP = 2;
    static final int MIRROR = 3;

    private static final List<MethodDescriptor> METHODS = List.of(
            new MethodDescriptor(
                    "echo",
                    "echo(java.lang.String)java.lang.String",
                    false,
                    List.of(String.class),
                    String.class,
                    List.of()),
            new MethodDescriptor(
                    "later",
                    "later(java.lang.String,long)java.util.concurrent.CompletableFuture",
                    true,
                    List.of(String.class, long.class),
                    String.class,
                    List.of()),
            new MethodDescriptor(
                    "sleep",
                    "sleep(long)void",
                    false,
                    List.of(long.class),
                    void.class,
                    List.of(InterruptedException.class)),
            new MethodDescriptor(
                    "mirror",
                    "mirror(dev.isolate4j.internal.rpc.Echo.Point)dev.isolate4j.internal.rpc.Echo.Point",
                    false,
                    List.of(Echo.Point.class),
                    Echo.Point.class,
                    List.of()));

    @Override
    public Class<Echo> type() {
        return Echo.class;
    }

    @Override
    public String id() {
        return Echo.class.getCanonicalName();
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
        return List.of(Echo.Point.class);
    }

    @Override
    public Echo newProxy(RemoteTarget target) {
        return new Proxy(target);
    }

    @Override
    public Dispatcher newDispatcher(Echo target) {
        return (methodId, args) -> switch (methodId) {
            case ECHO -> target.echo((String) args[0]);
            case LATER -> target.later((String) args[0], (long) args[1]);
            case SLEEP -> {
                target.sleep((long) args[0]);
                yield null;
            }
            case MIRROR -> target.mirror((Echo.Point) args[0]);
            default -> throw new UnknownMethodException(Echo.class, methodId);
        };
    }

    private static final class Proxy implements Echo, RemoteProxy {
        private final RemoteTarget target;

        Proxy(RemoteTarget target) {
            this.target = target;
        }

        @Override
        public RemoteTarget remoteTarget() {
            return target;
        }

        @Override
        public String echo(String text) {
            return (String) target.call(ECHO, new Object[] {text});
        }

        @Override
        public CompletableFuture<String> later(String text, long delayMillis) {
            return target.callAsync(LATER, new Object[] {text, delayMillis});
        }

        @Override
        public void sleep(long millis) {
            target.call(SLEEP, new Object[] {millis});
        }

        @Override
        public Point mirror(Point point) {
            return (Point) target.call(MIRROR, new Object[] {point});
        }
    }
}
