package dev.isolate4j.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;

/**
 * One remote method, as seen from the annotated interface (type arguments of generic
 * super-interfaces already substituted).
 *
 * @param name the method's simple name
 * @param id the method id, its index among the interface's remote methods
 * @param parameters the parameters, in order
 * @param varargs whether the last parameter is a variable-arity parameter
 * @param returnType the declared return type, e.g. {@code CompletableFuture<List<String>>}
 * @param async whether the method returns {@code CompletableFuture} or {@code CompletionStage}
 * @param resultClass the erased result type for a class literal: the return type of a blocking
 *     method, the future's type argument of an asynchronous one
 * @param signature name, erased parameter types and erased return type, e.g. {@code
 *     greet(java.lang.String)java.lang.String}
 * @param thrownTypes the declared {@code throws} clause
 * @param checkedExceptions the erased checked exceptions among {@code thrownTypes}
 * @param uncheckedReturnCast whether casting a result to {@code returnType} is an unchecked cast
 * @param uncheckedVarargs whether the variable-arity parameter has a non-reifiable element type,
 *     so that overriding the method raises a heap pollution warning
 * @param usesDeprecated whether the method, or a type in its signature, is deprecated
 * @param tracksReferences whether its arguments and result reach an application class, whose
 *     objects have an identity: they are written with reference tracking, so that an object reached
 *     twice arrives once and a cycle arrives as a cycle
 */
public record MethodModel(
        String name,
        int id,
        List<ParameterModel> parameters,
        boolean varargs,
        TypeName returnType,
        boolean async,
        TypeName resultClass,
        String signature,
        List<TypeName> thrownTypes,
        List<TypeName> checkedExceptions,
        boolean uncheckedReturnCast,
        boolean uncheckedVarargs,
        boolean usesDeprecated,
        boolean tracksReferences) {

    /**
     * Checks the values and copies the lists.
     *
     * @param name see {@link #name()}
     * @param id see {@link #id()}
     * @param parameters see {@link #parameters()}
     * @param varargs see {@link #varargs()}
     * @param returnType see {@link #returnType()}
     * @param async see {@link #async()}
     * @param resultClass see {@link #resultClass()}
     * @param signature see {@link #signature()}
     * @param thrownTypes see {@link #thrownTypes()}
     * @param checkedExceptions see {@link #checkedExceptions()}
     * @param uncheckedReturnCast see {@link #uncheckedReturnCast()}
     * @param uncheckedVarargs see {@link #uncheckedVarargs()}
     * @param usesDeprecated see {@link #usesDeprecated()}
     * @param tracksReferences see {@link #tracksReferences()}
     * @throws NullPointerException when {@code name}, {@code returnType}, {@code resultClass} or
     *     {@code signature} is null
     */
    public MethodModel {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(returnType, "returnType");
        Objects.requireNonNull(resultClass, "resultClass");
        Objects.requireNonNull(signature, "signature");
        thrownTypes = List.copyOf(thrownTypes);
        checkedExceptions = List.copyOf(checkedExceptions);
    }

    /** {@return whether the method returns {@code void}} */
    public boolean returnsVoid() {
        return returnType.equals(TypeName.VOID);
    }

    /** {@return whether any argument needs an unchecked cast when a dispatcher unpacks it} */
    public boolean hasUncheckedParameterCast() {
        return parameters.stream().anyMatch(ParameterModel::uncheckedCast);
    }
}
