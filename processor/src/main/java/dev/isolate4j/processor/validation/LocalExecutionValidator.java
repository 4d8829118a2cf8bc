package dev.isolate4j.processor.validation;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks {@code @LocalExecution} methods: each must be a {@code default} method, and the annotation
 * only means something on an interface whose methods a proxy implements.
 */
public final class LocalExecutionValidator {
    private final ErrorReporter reporter;
    private final Signatures signatures;
    /** Interfaces whose methods belong to a remote interface seen in this compilation. */
    private final Set<String> remoteContributors = new HashSet<>();

    LocalExecutionValidator(ErrorReporter reporter, Signatures signatures) {
        this.reporter = reporter;
        this.signatures = signatures;
    }

    /** Notes that {@code type}'s methods are part of a remote interface (it is one, or it extends it). */
    void noteRemoteContributor(TypeElement type) {
        remoteContributors.add(type.getQualifiedName().toString());
    }

    /**
     * Checks every element of a round annotated {@code @LocalExecution}. Call it after the round's
     * remote interfaces were validated, so that a plain super-interface of one is recognized.
     *
     * @param annotated the round's elements annotated {@code @LocalExecution}
     */
    public void validate(Set<? extends Element> annotated) {
        for (ExecutableElement method : ElementFilter.methodsIn(annotated)) {
            if (!method.getModifiers().contains(Modifier.DEFAULT)) {
                reportNotDefault(method);
                continue;
            }
            TypeElement owner = (TypeElement) method.getEnclosingElement();
            if (!TypeRules.isRemoteInterface(owner)
                    && !remoteContributors.contains(owner.getQualifiedName().toString())) {
                // A warning, not an error: an interface compiled later may still extend this one.
                reporter.warning(
                        "@LocalExecution method " + signatures.display(method) + " in " + owner.getSimpleName()
                                + " has no effect: " + owner.getSimpleName()
                                + " is not annotated @Callee or @ProxiedSingleton, nor extended by an interface"
                                + " that is; annotate the interface, or remove the annotation",
                        method);
            }
        }
    }

    /** Reports that {@code method} is annotated {@code @LocalExecution} without being a default method. */
    void reportNotDefault(ExecutableElement method) {
        String where = "@LocalExecution method " + signatures.display(method) + " in " + Signatures.owner(method);
        Set<Modifier> modifiers = method.getModifiers();
        String message;
        if (method.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
            message = where + " must be a default method of a @Callee or @ProxiedSingleton interface:"
                    + " remove the annotation";
        } else if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
            message = where + " must be a default method, but it is "
                    + (modifiers.contains(Modifier.STATIC) ? "static" : "private")
                    + ", so no proxy runs it: make it a default method, or remove the annotation";
        } else {
            message = where + " must be a default method: give it a body, or remove the annotation";
        }
        reporter.error(message, method);
    }
}
