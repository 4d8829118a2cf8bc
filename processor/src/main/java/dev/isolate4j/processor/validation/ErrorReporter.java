package dev.isolate4j.processor.validation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports diagnostics through the {@link Messager}, each at most once.
 *
 * <p>Several validators may reach the same mistake (an abstract {@code @LocalExecution} method is
 * seen both on its own and as a member of its {@code @Callee} interface); reporting it once keeps
 * the compiler output readable.
 */
public final class ErrorReporter {
    private final Messager messager;
    private final Set<List<Object>> reported = new HashSet<>();
    private int errorCount;

    /**
     * Creates a reporter that has reported nothing yet.
     *
     * @param messager where diagnostics go
     */
    public ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    /**
     * Reports an error on {@code element}.
     *
     * @param message what is wrong and how to fix it
     * @param element the element the error is shown on
     */
    public void error(String message, Element element) {
        report(Diagnostic.Kind.ERROR, message, element, null, null);
    }

    /**
     * Reports an error on one value of one annotation of {@code element}.
     *
     * @param message what is wrong and how to fix it
     * @param element the annotated element
     * @param annotation the annotation
     * @param value the annotation's value the error is shown on
     */
    public void error(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        report(Diagnostic.Kind.ERROR, message, element, annotation, value);
    }

    /**
     * Reports a warning on {@code element}.
     *
     * @param message what may be wrong
     * @param element the element the warning is shown on
     */
    public void warning(String message, Element element) {
        report(Diagnostic.Kind.WARNING, message, element, null, null);
    }

    /**
     * The number of errors reported so far; a validator compares it before and after looking at an
     * interface to know whether to abandon it.
     *
     * @return the number of errors
     */
    public int errorCount() {
        return errorCount;
    }

    private void report(
            Diagnostic.Kind kind, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        // Elements compare by identity within a compilation, which is exactly "the same element".
        List<Object> key = Arrays.asList(kind, message, element, annotation, value);
        if (!reported.add(key)) {
            return;
        }
        if (kind == Diagnostic.Kind.ERROR) {
            errorCount++;
        }
        if (annotation == null) {
            messager.printMessage(kind, message, element);
        } else if (value == null) {
            messager.printMessage(kind, message, element, annotation);
        } else {
            messager.printMessage(kind, message, element, annotation, value);
        }
    }
}
