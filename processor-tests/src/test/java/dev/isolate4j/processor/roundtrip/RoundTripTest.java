package dev.isolate4j.processor.roundtrip;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.processor.roundtrip.Calculator.CalculationException;
import dev.isolate4j.processor.roundtrip.Calculator.Reading;
import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import dev.isolate4j.spi.RemoteProxy;
import dev.isolate4j.spi.UnknownMethodException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the proxy, dispatcher and descriptor that the processor generated for {@link Calculator}
 * (during this module's test compilation): proxy → {@link DirectTarget} → dispatcher → implementation.
 */
class RoundTripTest {
    private final CalculatorImpl implementation = new CalculatorImpl();
    private RemoteInterface<Calculator> descriptor;
    private DirectTarget target;
    private Calculator proxy;

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        descriptor = descriptorOf(Calculator.class);
        target = new DirectTarget(descriptor.newDispatcher(implementation));
        proxy = descriptor.newProxy(target);
    }

    @Test
    void blockingCallsRoundTrip() throws Exception {
        assertThat(proxy.add(2, 3)).isEqualTo(5);
        assertThat(proxy.add(2L, 40L)).isEqualTo(42L);
        assertThat(proxy.describe(new Reading("t", 1.5))).isEqualTo("t=1.5");
        assertThat(proxy.readings(List.of("a", "b")))
                .containsExactly(new Reading("a", 1), new Reading("b", 1))
                .inOrder();
        assertThat(proxy.divide(1, 4)).isEqualTo(0.25);
        assertThat(proxy.name()).isEqualTo("calculator");
    }

    @Test
    void voidCallRoundTrips() {
        proxy.reset();
        proxy.reset();
        assertThat(implementation.resets).isEqualTo(2);
    }

    @Test
    void asyncCallsRoundTrip() throws Exception {
        CompletableFuture<Integer> sum = proxy.addAsync(20, 22);
        CompletionStage<String> name = proxy.nameLater();
        assertThat(sum.get(5, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(name.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("later");
    }

    @Test
    void exceptionsPropagateAsThemselves() {
        CalculationException thrown = assertThrows(CalculationException.class, () -> proxy.divide(1, 0));
        assertThat(thrown).hasMessageThat().isEqualTo("division by zero");
        IllegalArgumentException unchecked = assertThrows(IllegalArgumentException.class, () -> proxy.describe(null));
        assertThat(unchecked).hasMessageThat().isEqualTo("no reading");
    }

    @Test
    void localExecutionRunsInTheCallerAndCallsThroughTheProxy() {
        int addId = indexOf("add(int,int)int");
        assertThat(proxy.addThree(1, 2, 3)).isEqualTo(6);
        assertThat(target.calledIds).containsExactly(addId, addId);
        assertThat(descriptor.methods().stream().map(MethodDescriptor::name)).doesNotContain("addThree");
    }

    @Test
    void dispatcherRejectsUnknownMethodIds() {
        Dispatcher dispatcher = descriptor.newDispatcher(implementation);
        UnknownMethodException thrown =
                assertThrows(UnknownMethodException.class, () -> dispatcher.dispatch(99, new Object[0]));
        assertThat(thrown).hasMessageThat().contains("has no remote method with id 99");
    }

    @Test
    void proxyExposesItsTarget() {
        assertThat(proxy).isInstanceOf(RemoteProxy.class);
        assertThat(((RemoteProxy) proxy).remoteTarget()).isSameInstanceAs(target);
        assertThat(proxy.toString()).startsWith("Calculator proxy to ");
    }

    @Test
    void descriptorDescribesTheInterface() {
        assertThat(descriptor.type()).isEqualTo(Calculator.class);
        assertThat(descriptor.id()).isEqualTo(Calculator.class.getCanonicalName());
        assertThat(descriptor.singleton()).isFalse();
        assertThat(descriptor.methods().stream().map(MethodDescriptor::signature))
                .containsExactly(
                        "name()java.lang.String",
                        "add(int,int)int",
                        "add(long,long)long",
                        "reset()void",
                        "describe(dev.isolate4j.processor.roundtrip.Calculator.Reading)java.lang.String",
                        "readings(java.util.List)java.util.List",
                        "addAsync(int,int)java.util.concurrent.CompletableFuture",
                        "nameLater()java.util.concurrent.CompletionStage",
                        "divide(double,double)double")
                .inOrder();
        MethodDescriptor addAsync =
                descriptor.methods().get(indexOf("addAsync(int,int)java.util.concurrent.CompletableFuture"));
        assertThat(addAsync.async()).isTrue();
        assertThat(addAsync.parameterTypes())
                .containsExactly(int.class, int.class)
                .inOrder();
        assertThat(addAsync.resultType()).isEqualTo(Integer.class);
        MethodDescriptor divide = descriptor.methods().get(indexOf("divide(double,double)double"));
        assertThat(divide.exceptionTypes()).containsExactly(CalculationException.class);
        assertThat(descriptor.serializedTypes()).containsExactly(Reading.class);
    }

    @Test
    void descriptorIsFoundByTheRuntimesNamingRule() throws ReflectiveOperationException {
        RemoteInterface<Counter> counter = descriptorOf(Counter.class);
        assertThat(counter.id()).isEqualTo("roundtrip-counter");
        assertThat(counter.singleton()).isTrue();
        long[] value = {0};
        Counter remote = counter.newProxy(new DirectTarget(counter.newDispatcher(() -> ++value[0])));
        assertThat(remote.incrementAndGet()).isEqualTo(1L);
        assertThat(remote.incrementAndGet()).isEqualTo(2L);
    }

    private int indexOf(String signature) {
        List<String> signatures =
                descriptor.methods().stream().map(MethodDescriptor::signature).toList();
        assertThat(signatures).contains(signature);
        return signatures.indexOf(signature);
    }

    /** As the runtime does it: once per interface, by name, no other reflection. */
    @SuppressWarnings("unchecked")
    private static <T> RemoteInterface<T> descriptorOf(Class<T> type) throws ReflectiveOperationException {
        Class<?> descriptorClass = Class.forName(RemoteInterface.descriptorClassName(type));
        return (RemoteInterface<T>) descriptorClass.getConstructor().newInstance();
    }

    /** The local object behind the proxy. */
    private static final class CalculatorImpl implements Calculator {
        int resets;

        @Override
        public String name() {
            return "calculator";
        }

        @Override
        public int add(int a, int b) {
            return a + b;
        }

        @Override
        public long add(long a, long b) {
            return a + b;
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public String describe(Reading reading) {
            if (reading == null) {
                throw new IllegalArgumentException("no reading");
            }
            return reading.name() + "=" + reading.value();
        }

        @Override
        public List<Reading> readings(List<String> names) {
            return names.stream().map(name -> new Reading(name, 1)).toList();
        }

        @Override
        public CompletableFuture<Integer> addAsync(int a, int b) {
            return CompletableFuture.supplyAsync(() -> a + b);
        }

        @Override
        public CompletionStage<String> nameLater() {
            return CompletableFuture.completedFuture("later");
        }

        @Override
        public double divide(double a, double b) throws CalculationException {
            if (b == 0) {
                throw new CalculationException("division by zero");
            }
            return a / b;
        }
    }
}
