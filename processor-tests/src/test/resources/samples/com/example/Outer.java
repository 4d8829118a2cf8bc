package com.example;

import dev.isolate4j.annotations.LocalExecution;
import dev.isolate4j.annotations.ProxiedSingleton;
import java.util.List;
import java.util.Optional;

/** The second golden sample: the cases that are easy to get wrong in generated code. */
public class Outer {

    /** Not annotated: its methods become part of Settings, with T = String. */
    public interface Store<T> {
        T get(String key);

        void put(String key, T value);

        /** Not annotated @LocalExecution: forwarded like the others. */
        default boolean contains(String key) {
            return get(key) != null;
        }

        /** Runs in the caller, even though Store itself is not annotated. */
        @LocalExecution
        default String getOrDefault(String key, String fallback) {
            T value = get(key);
            return value == null ? fallback : value.toString();
        }
    }

    /** A nested singleton with an explicit id, extending a generic interface. */
    @ProxiedSingleton(id = "settings")
    public interface Settings extends Store<String> {
        /** Re-declared: Store's position, this declaration. */
        @Override
        String get(String key);

        /** Varargs, and a parameter named like the proxy's field. */
        int putAll(String target, String... values);

        /** Generic varargs: the override needs @SuppressWarnings("unchecked") too. */
        @SuppressWarnings("unchecked")
        void putLists(List<String>... lists);

        /** Object in and out: no redundant casts. */
        Object echo(Object value);

        /** A parameter named like the method-id constant. */
        Optional<String> find(String FIND);

        /** Deprecated: generated code suppresses the deprecation warnings it would raise. */
        @Deprecated
        void reset();

        /** Object's methods re-declared in an interface are not remote. */
        @Override
        String toString();
    }
}
