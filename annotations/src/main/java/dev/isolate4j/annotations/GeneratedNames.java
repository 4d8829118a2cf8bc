package dev.isolate4j.annotations;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The names of the classes the processor generates for a {@link Callee} or {@link
 * ProxiedSingleton} interface; the runtime finds them by the same rule. One rule for both, so that
 * they cannot disagree: in the interface's package, the simple names of the interface and the types
 * it is nested in, outermost first, joined with {@code _}, then the suffix.
 *
 * <pre>{@code
 * com.acme.Greeter        → com.acme.Greeter_Descriptor
 * com.acme.Outer.Greeter  → com.acme.Outer_Greeter_Descriptor
 * com.acme.My$Api         → com.acme.My$Api_Descriptor   (a '$' the user wrote stays)
 * }</pre>
 */
public final class GeneratedNames {
    /** The suffix of the generated proxy. */
    public static final String PROXY = "_Proxy";
    /** The suffix of the generated dispatcher. */
    public static final String DISPATCHER = "_Dispatcher";
    /** The suffix of the generated descriptor, which the runtime loads by name. */
    public static final String DESCRIPTOR = "_Descriptor";

    private GeneratedNames() {}

    /**
     * The simple name of a generated class.
     *
     * @param simpleNames the simple names of the interface and its enclosing types, outermost first
     * @param suffix one of {@link #PROXY}, {@link #DISPATCHER}, {@link #DESCRIPTOR}
     * @return e.g. {@code Outer_Greeter_Descriptor}
     */
    public static String simpleName(List<String> simpleNames, String suffix) {
        return String.join("_", simpleNames) + suffix;
    }

    /**
     * The binary name of the class generated for {@code type}, to load it by.
     *
     * @param type the interface
     * @param suffix one of {@link #PROXY}, {@link #DISPATCHER}, {@link #DESCRIPTOR}
     * @return e.g. {@code com.acme.Outer_Greeter_Descriptor}
     */
    public static String binaryName(Class<?> type, String suffix) {
        Deque<String> simpleNames = new ArrayDeque<>();
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            simpleNames.addFirst(current.getSimpleName());
        }
        String packageName = type.getPackageName();
        String simple = simpleName(List.copyOf(simpleNames), suffix);
        return packageName.isEmpty() ? simple : packageName + "." + simple;
    }
}
