package dev.isolate4j.internal.serialization;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts Fory's refusals in isolate4j's words. Fory's own text advises calling {@code Fory#register}
 * or turning the registration check off, which no isolate4j user can or should do; what they can do
 * is declare the type where the processor finds it, or pass another value.
 */
final class ForyMessages {
    private static final Pattern NOT_REGISTERED = Pattern.compile("(?i)class ([\\w.$]+) is not registered");
    private static final Pattern UNSUPPORTED = Pattern.compile("Class class ([\\w.$]+) doesn't support serialization");

    private ForyMessages() {}

    /** {@code failure} in isolate4j's words when it is one of Fory's refusals; itself otherwise. */
    static RuntimeException translate(RuntimeException failure) {
        String message = String.valueOf(failure.getMessage());
        Matcher notRegistered = NOT_REGISTERED.matcher(message);
        if (notRegistered.find()) {
            return new IllegalArgumentException(notRegistered(notRegistered.group(1)), failure);
        }
        Matcher unsupported = UNSUPPORTED.matcher(message);
        if (unsupported.find()) {
            return new IllegalArgumentException(
                    unsupported.group(1) + " cannot cross the process boundary: it has no serialized form; pass"
                            + " its parts (a record of them) instead",
                    failure);
        }
        return failure;
    }

    private static String notRegistered(String className) {
        String start = className + " cannot cross the process boundary: ";
        if (className.contains("Comparator") || className.contains("$$Lambda")) {
            return start + "it is a comparator or a lambda, which has no serialized form; a sorted map or set"
                    + " crosses with its natural order, String.CASE_INSENSITIVE_ORDER, Collections.reverseOrder(),"
                    + " or a Comparator class declared in the package of the interface whose method passes it";
        }
        if (className.startsWith("java.")
                || className.startsWith("javax.")
                || className.startsWith("sun.")
                || className.startsWith("jdk.")) {
            return start + "it is not one of the JDK types isolate4j carries (strings, numbers, java.time, UUID, URI,"
                    + " File, URL, Optional, collections, maps and map entries of them); pass its value as one of"
                    + " those, or as a record";
        }
        return start + "it is not a type the interfaces of this connection declare (the extension's interface,"
                + " the @Callee interfaces its methods take or return, and the interfaces of callers created on"
                + " it: in their parameters, results, record components, fields, superclasses and the permitted"
                + " subclasses of sealed types), so it was not registered; declare it there, e.g. as a permitted"
                + " subclass of a sealed interface the method takes";
    }
}
