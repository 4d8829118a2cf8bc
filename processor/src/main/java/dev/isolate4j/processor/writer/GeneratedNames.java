package dev.isolate4j.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import dev.isolate4j.processor.model.MethodModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names of generated classes and members.
 *
 * <p>Class names follow {@link dev.isolate4j.annotations.GeneratedNames}, the rule the runtime
 * finds the descriptor by.
 */
public final class GeneratedNames {
    private GeneratedNames() {}

    /**
     * {@code com.acme.Outer.Greeter} → {@code com.acme.Outer_Greeter_Proxy}.
     *
     * @param remoteInterface the interface
     * @return the name of its generated proxy
     */
    public static ClassName proxy(ClassName remoteInterface) {
        return generated(remoteInterface, dev.isolate4j.annotations.GeneratedNames.PROXY);
    }

    /**
     * {@code com.acme.Outer.Greeter} → {@code com.acme.Outer_Greeter_Dispatcher}.
     *
     * @param remoteInterface the interface
     * @return the name of its generated dispatcher
     */
    public static ClassName dispatcher(ClassName remoteInterface) {
        return generated(remoteInterface, dev.isolate4j.annotations.GeneratedNames.DISPATCHER);
    }

    /**
     * {@code com.acme.Outer.Greeter} → {@code com.acme.Outer_Greeter_Descriptor}.
     *
     * @param remoteInterface the interface
     * @return the name of its generated descriptor
     */
    public static ClassName descriptor(ClassName remoteInterface) {
        return generated(remoteInterface, dev.isolate4j.annotations.GeneratedNames.DESCRIPTOR);
    }

    private static ClassName generated(ClassName remoteInterface, String suffix) {
        return ClassName.get(
                remoteInterface.packageName(),
                dev.isolate4j.annotations.GeneratedNames.simpleName(remoteInterface.simpleNames(), suffix));
    }

    /**
     * The method-id constant of each method, in method-id order: the name in UPPER_SNAKE_CASE
     * ({@code greetAll} → {@code GREET_ALL}); a later overload gets its id as suffix ({@code
     * GREET_2}). Names stay unique even when two methods' names convert alike.
     *
     * @param methods the interface's remote methods, in method-id order
     * @return the constants' names, in the same order
     */
    public static List<String> methodIdConstants(List<MethodModel> methods) {
        NameAllocator allocator = new NameAllocator();
        Set<String> methodNames = new HashSet<>();
        List<String> constants = new ArrayList<>();
        for (MethodModel method : methods) {
            String base = upperSnakeCase(method.name());
            String candidate = methodNames.add(method.name()) ? base : base + "_" + method.id();
            constants.add(allocator.newName(candidate, method.id()));
        }
        return constants;
    }

    /** {@code getHTTPStatus} → {@code GET_HTTP_STATUS}. */
    static String upperSnakeCase(String name) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && startsWord(name, i)) {
                result.append('_');
            }
            result.append(Character.toUpperCase(c));
        }
        return result.toString();
    }

    /** An upper-case letter starts a word after a lower-case letter or digit, or ends an acronym. */
    private static boolean startsWord(String name, int i) {
        char previous = name.charAt(i - 1);
        if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            return true;
        }
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        return Character.isUpperCase(previous) && nextIsLower;
    }
}
