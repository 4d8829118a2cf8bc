package dev.isolate4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface of a service that has exactly one implementation, in the host, shared by the
 * host and every extension that is granted access to it.
 *
 * <p>The host registers the implementation; in an extension that lists the interface in {@code
 * ExtensionConfig.apis} (or calls {@code useRemote}), {@code ProxiedSingletons.get(Type.class)}
 * returns a proxy that forwards each call to the host's instance, so all extensions share its
 * state.
 *
 * <pre>{@code
 * @ProxiedSingleton(id = "counter")
 * public interface Counter {
 *   long incrementAndGet();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProxiedSingleton {
    /**
     * The identifier under which the singleton is registered, unique among all singletons of an
     * application. Empty (the default) means the interface's fully qualified name.
     *
     * @return the identifier, or empty for the interface's fully qualified name
     */
    String id() default "";
}
