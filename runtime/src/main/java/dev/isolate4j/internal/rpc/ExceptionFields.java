package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.protocol.RemoteErrors.FieldValue;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.spi.MethodDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fields of a declared exception's application classes (the exception's class and its
 * superclasses up to the first JDK class; not static, not transient), which cross beside its
 * class and message: captured where the call was served, set on the exception rebuilt for the
 * caller. Each value is serialized on its own, so that one which cannot cross leaves out that field
 * only. Reflection runs only on the failure path of a call.
 */
final class ExceptionFields {
    private ExceptionFields() {}

    /**
     * The fields to send with {@code error}: none unless {@code method} declares it. Never throws: a
     * value that cannot be read or serialized is left out, with a warning.
     *
     * @param connection names the connection in log lines
     */
    static List<FieldValue> capture(
            Throwable error, MethodDescriptor method, PayloadSerializer serializer, String connection) {
        if (!DeclaredExceptions.declares(method, error.getClass())) {
            return List.of();
        }
        List<FieldValue> values = new ArrayList<>();
        try {
            for (Field field : fieldsOf(error.getClass())) {
                FieldValue value = serialize(field, error, serializer, connection);
                if (value != null) {
                    values.add(value);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            log().warn(
                            "{}: {} is sent without its fields, which cannot be listed: {}",
                            connection,
                            error.getClass().getName(),
                            e.toString());
            return List.of();
        }
        return values;
    }

    /**
     * The values received, by name; a value that cannot be deserialized here is left out, with a
     * warning.
     *
     * @param exceptionClass the exception's class name, for log lines
     * @param connection names the connection in log lines
     */
    static Map<String, Object> read(
            List<FieldValue> received, PayloadSerializer serializer, String exceptionClass, String connection) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldValue field : received) {
            try {
                values.put(field.name(), serializer.deserialize(ByteBuffer.wrap(field.value())));
            } catch (RuntimeException | LinkageError e) {
                log().warn(
                                "{}: field {} of {} is left unset: its value cannot be deserialized: {}",
                                connection,
                                field.name(),
                                exceptionClass,
                                e.getMessage());
            }
        }
        return values;
    }

    /**
     * Sets each value on the field of that name of {@code rebuilt}'s application classes. Names this
     * side's class lacks, and values that do not fit the field's type, are skipped: the two sides may
     * hold different versions of the class.
     */
    static void apply(Throwable rebuilt, Map<String, Object> values) throws IllegalAccessException {
        if (values.isEmpty()) {
            return;
        }
        for (Field field : fieldsOf(rebuilt.getClass())) {
            Object value = values.get(field.getName());
            if (values.containsKey(field.getName()) && !FieldAccess.set(field, rebuilt, value)) {
                log().debug(
                                "field {} of {} is left unset: it is a {}, the value received {}",
                                field.getName(),
                                rebuilt.getClass().getName(),
                                field.getType().getName(),
                                value == null ? "null" : "a " + value.getClass().getName());
            }
        }
    }

    /**
     * The non-static, non-transient fields of {@code type}'s application classes, most derived class
     * first; a field hidden by a subclass's field of the same name is left out, for names are what
     * cross.
     */
    static List<Field> fieldsOf(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Class<?> layer = type; layer != null && isApplicationClass(layer); layer = layer.getSuperclass()) {
            for (Field field : layer.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers)
                        && !Modifier.isTransient(modifiers)
                        && !field.isSynthetic()
                        && names.add(field.getName())) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** The rule the annotation processor applies to the types it lists: not in a JDK package. */
    private static boolean isApplicationClass(Class<?> type) {
        String name = type.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk."));
    }

    private static FieldValue serialize(Field field, Throwable error, PayloadSerializer serializer, String connection) {
        try {
            return new FieldValue(field.getName(), serializer.serialize(FieldAccess.get(field, error)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log().warn(
                            "{}: {} is sent without its field {}, whose value cannot cross: {}",
                            connection,
                            error.getClass().getName(),
                            field.getName(),
                            e.getMessage());
            return null;
        }
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(ExceptionFields.class);
    }
}
