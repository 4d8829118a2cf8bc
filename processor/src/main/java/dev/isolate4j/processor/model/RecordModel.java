package dev.isolate4j.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;

/**
 * A record that the methods' values reach, for which the descriptor gets a codec: the runtime then
 * writes such a record by its components, without Fory, when they are simple values.
 *
 * @param type the record class, e.g. {@code com.acme.Point}
 * @param components its components, in declaration order
 */
public record RecordModel(ClassName type, List<Component> components) {

    /**
     * One component of the record.
     *
     * @param name the component's name, which is also its accessor's
     * @param castType the type to cast an {@code Object} to before passing it to the canonical
     *     constructor: the declared type, primitives boxed, e.g. {@code Integer} or {@code
     *     List<String>}
     * @param uncheckedCast whether that cast is an unchecked one
     * @param schema the erased type and the name, as the runtime compares them across the two sides,
     *     e.g. {@code java.util.List tags}
     */
    public record Component(String name, TypeName castType, boolean uncheckedCast, String schema) {

        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param castType see {@link #castType()}
         * @param uncheckedCast see {@link #uncheckedCast()}
         * @param schema see {@link #schema()}
         * @throws NullPointerException when {@code name}, {@code castType} or {@code schema} is null
         */
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(castType, "castType");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /**
     * Checks the values and copies the list.
     *
     * @param type see {@link #type()}
     * @param components see {@link #components()}
     * @throws NullPointerException when {@code type} is null
     */
    public RecordModel {
        Objects.requireNonNull(type, "type");
        components = List.copyOf(components);
    }
}
