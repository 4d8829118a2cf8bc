package dev.isolate4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods can be called across the process boundary between a host and
 * its extensions.
 *
 * <p>The isolate4j annotation processor generates, next to the interface, a proxy that forwards
 * each call over the extension's connection and a dispatcher that invokes the real object with a
 * {@code switch}. A method returning {@link java.util.concurrent.CompletableFuture} or {@link
 * java.util.concurrent.CompletionStage} is an asynchronous call; any other return type, {@code
 * void} included, is a blocking call bounded by the call timeout.
 *
 * <pre>{@code
 * @Callee
 * public interface Greeter {
 *   String greet(String name);                      // blocking call
 *   CompletableFuture<Long> pidAsync();             // asynchronous call
 * }
 * }</pre>
 *
 * <p>The extension type handed to {@code ExtensionManager}, and every object registered with
 * {@code ExtensionBase.registerCallee}, is reached through such an interface.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Callee {}
