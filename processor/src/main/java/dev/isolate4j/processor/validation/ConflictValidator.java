package dev.isolate4j.processor.validation;

import dev.isolate4j.processor.validation.MethodCollector.Member;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * Reports remote methods that would clash with each other on the wire or with the members the
 * generated proxy adds.
 */
final class ConflictValidator {
    private final Signatures signatures;
    private final ErrorReporter reporter;

    ConflictValidator(Signatures signatures, ErrorReporter reporter) {
        this.signatures = signatures;
        this.reporter = reporter;
    }

    /** Checks the remote methods of one interface, in method-id order. */
    void check(List<Member> remoteMethods) {
        Map<String, ExecutableElement> byBoxedKey = new HashMap<>();
        for (Member member : remoteMethods) {
            ExecutableElement method = member.element();
            String key = signatures.boxedKey(
                    method.getSimpleName().toString(), member.type().getParameterTypes());
            ExecutableElement earlier = byBoxedKey.putIfAbsent(key, method);
            if (earlier != null) {
                reportOverload(method, earlier);
            }
            if (method.getSimpleName().contentEquals("remoteTarget")
                    && method.getParameters().isEmpty()) {
                reporter.error(
                        "method remoteTarget() in " + Signatures.owner(method)
                                + " conflicts with RemoteProxy.remoteTarget(), which every generated proxy implements:"
                                + " rename the method",
                        method);
            }
        }
    }

    private void reportOverload(ExecutableElement method, ExecutableElement earlier) {
        // A boxed argument, or null, fits both f(int) and f(Integer): a peer built from another
        // version of the interface could not tell which one a call meant.
        reporter.error(
                "method " + signatures.display(method) + " in " + Signatures.owner(method)
                        + " collides with " + signatures.display(earlier) + " in " + Signatures.owner(earlier)
                        + ": remote calls cannot tell overloads apart whose parameter types differ only by"
                        + " boxing or type arguments; rename one of them",
                method);
    }
}
