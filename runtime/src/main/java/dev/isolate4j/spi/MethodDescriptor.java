package dev.isolate4j.spi;

import java.util.List;
import java.util.Objects;

/**
 * One remotely callable method of a {@code @Callee} or {@code @ProxiedSingleton} interface.
 *
 * @param name the method's simple name, e.g. {@code greet}
 * @param signature the method's name, erased parameter types and erased return type, e.g. {@code
 *     greet(java.lang.String)java.lang.String}; host and extension compare signatures to detect
 *     that they were built from different versions of an interface
 * @param async whether the method returns {@code CompletableFuture} or {@code CompletionStage}
 * @param parameterTypes the erased parameter types, in order
 * @param resultType the erased result type: the return type of a blocking method ({@code
 *     void.class} for {@code void}), the future's type argument of an asynchronous one
 * @param exceptionTypes the checked exceptions the method declares, rethrown as themselves on the
 *     caller's side when the remote implementation throws one
 * @param tracksReferences whether the arguments and result are written with reference tracking:
 *     set when their types reach an application class (not a record or an enum), whose objects have
 *     an identity, so that an object reached twice arrives once and a cycle arrives as a cycle
 */
public record MethodDescriptor(
        String name,
        String signature,
        boolean async,
        List<Class<?>> parameterTypes,
        Class<?> resultType,
        List<Class<? extends Throwable>> exceptionTypes,
        boolean tracksReferences) {

    /**
     * Checks the values and copies the lists.
     *
     * @param name see {@link #name()}
     * @param signature see {@link #signature()}
     * @param async see {@link #async()}
     * @param parameterTypes see {@link #parameterTypes()}
     * @param resultType see {@link #resultType()}
     * @param exceptionTypes see {@link #exceptionTypes()}
     * @param tracksReferences see {@link #tracksReferences()}
     * @throws NullPointerException when {@code name}, {@code signature} or {@code resultType} is null
     */
    public MethodDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signature, "signature");
        parameterTypes = List.copyOf(parameterTypes);
        Objects.requireNonNull(resultType, "resultType");
        exceptionTypes = List.copyOf(exceptionTypes);
    }
}
