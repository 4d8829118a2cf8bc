package dev.isolate4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code default} method of a {@link Callee} or {@link ProxiedSingleton} interface that
 * runs in the calling process instead of being forwarded to the remote object.
 *
 * <p>Use it for helpers that only combine other methods of the interface, so that they cost no
 * extra round trip:
 *
 * <pre>{@code
 * @ProxiedSingleton
 * public interface Settings {
 *   String get(String key);
 *
 *   @LocalExecution
 *   default int getInt(String key) {
 *     return Integer.parseInt(get(key));   // one remote call: get(key)
 *   }
 * }
 * }</pre>
 *
 * <p>The method must have a body; the processor reports an error on an abstract method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LocalExecution {}
