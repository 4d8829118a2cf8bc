package dev.isolate4j.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * One parameter of a remote method.
 *
 * @param name the parameter's name as the user wrote it
 * @param type the declared type, e.g. {@code List<Point>}
 * @param erasure the erased type, for a class literal, e.g. {@code List}
 * @param uncheckedCast whether casting an {@code Object} to {@code type} is an unchecked cast
 */
public record ParameterModel(String name, TypeName type, TypeName erasure, boolean uncheckedCast) {

    /**
     * Checks the values.
     *
     * @param name see {@link #name()}
     * @param type see {@link #type()}
     * @param erasure see {@link #erasure()}
     * @param uncheckedCast see {@link #uncheckedCast()}
     * @throws NullPointerException when {@code name}, {@code type} or {@code erasure} is null
     */
    public ParameterModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(erasure, "erasure");
    }
}
