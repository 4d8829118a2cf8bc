package dev.isolate4j.internal.rpc;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.fory.reflect.FieldAccessor;

/**
 * Writes {@link Throwable}'s own private fields, which {@code java.base} opens to no one: through
 * Fory's accessor, which writes through Unsafe as Fory does when it reads an object.
 */
final class ThrowableState {
    private ThrowableState() {}

    /** Makes {@code message} what {@code t.getMessage()} returns, unless the class overrides it. */
    static void setMessage(Throwable t, String message) throws NoSuchFieldException {
        accessor("detailMessage").set(t, message);
    }

    /**
     * Gives an exception made without running a constructor the state {@link Throwable}'s
     * constructor would have given it, copied from a fresh {@code Throwable}. Without it the
     * exception's stack trace could not be set (a null trace means "immutable") nor its cause (a
     * null cause means "set to null").
     */
    static void initialize(Throwable bare, String message) throws NoSuchFieldException {
        Throwable template = new Throwable(message);
        for (Field field : Throwable.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                FieldAccessor accessor = FieldAccessor.createAccessor(field);
                accessor.set(bare, accessor.get(template));
            }
        }
        // The template's cause is itself, which is how Throwable says "no cause yet": the same for bare.
        accessor("cause").set(bare, bare);
    }

    private static FieldAccessor accessor(String name) throws NoSuchFieldException {
        return FieldAccessor.createAccessor(Throwable.class.getDeclaredField(name));
    }
}
