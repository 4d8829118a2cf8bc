package dev.isolate4j.internal.rpc;

import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import org.apache.fory.reflect.FieldAccessor;

/**
 * Reads and writes an exception's fields on the failure path of a call: with plain reflection when
 * the field's module lets this one in, else through Fory's accessor, which does not ask (an
 * application module need not open its exceptions to isolate4j for them to cross whole).
 */
final class FieldAccess {
    private FieldAccess() {}

    /** The value of {@code field} in {@code target}, boxed when primitive. */
    static Object get(Field field, Object target) throws IllegalAccessException {
        if (field.trySetAccessible()) {
            return field.get(target);
        }
        return FieldAccessor.createAccessor(field).get(target);
    }

    /**
     * Sets {@code field} of {@code target} to {@code value}, final or not.
     *
     * @return false, and nothing set, when the value does not fit the field's type: the other side
     *     may hold another version of the class
     */
    static boolean set(Field field, Object target, Object value) throws IllegalAccessException {
        if (!fits(field.getType(), value)) {
            return false;
        }
        if (field.trySetAccessible()) {
            field.set(target, value);
        } else {
            FieldAccessor.createAccessor(field).set(target, value);
        }
        return true;
    }

    /**
     * Checked here, not left to the setter: Fory's accessor writes through Unsafe, which would store
     * a value of any type. A primitive field takes its own box only, never a widened one.
     */
    private static boolean fits(Class<?> type, Object value) {
        if (value == null) {
            return !type.isPrimitive();
        }
        return MethodType.methodType(type).wrap().returnType().isInstance(value);
    }
}
