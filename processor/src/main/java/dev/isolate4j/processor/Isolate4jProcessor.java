package dev.isolate4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.LocalExecution;
import dev.isolate4j.annotations.ProxiedSingleton;
import dev.isolate4j.processor.model.InterfaceModel;
import dev.isolate4j.processor.validation.ErrorReporter;
import dev.isolate4j.processor.validation.InterfaceValidator;
import dev.isolate4j.processor.validation.ResolutionCheck;
import dev.isolate4j.processor.writer.GeneratedSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates, next to every interface annotated {@code @Callee} or {@code @ProxiedSingleton}, the
 * classes through which isolate4j calls it across the process boundary, and reports at compile
 * time what would otherwise fail at run time.
 *
 * <p>For {@code com.acme.Greeter} it writes, in {@code com.acme}:
 *
 * <ul>
 *   <li>{@code Greeter_Proxy}: implements {@code Greeter}; each method packs its arguments and
 *       calls the runtime's {@code RemoteTarget} with the method's id, e.g. {@code return (String)
 *       target.call(GREET, new Object[] {name});}
 *   <li>{@code Greeter_Dispatcher}: one {@code switch} on the method id that calls the local object
 *       with typed arguments, e.g. {@code case Greeter_Proxy.GREET: return target.greet((String)
 *       args[0]);}
 *   <li>{@code Greeter_Descriptor}: the public {@code RemoteInterface} the runtime finds by name,
 *       listing the methods, their wire signatures and the types to register with the serializer.
 * </ul>
 *
 * <p>Each interface goes through a pipeline: a validator reads it into an immutable model or
 * reports its errors on the offending elements and abandons it; writers build the source from the
 * model alone. One broken interface never stops the others, and {@link #process} never throws: an
 * internal failure becomes an error with its stack trace. Every generated file names its interface
 * as its only originating element, so the processor is isolating for Gradle's incremental builds.
 */
@AutoService(Processor.class)
public final class Isolate4jProcessor extends AbstractProcessor {
    private ErrorReporter reporter;
    private InterfaceValidator validator;
    private final ResolutionCheck resolution = new ResolutionCheck();
    private final GeneratedSources sources = new GeneratedSources();
    /** Interfaces that mention types not generated yet, by name, retried in the next round. */
    private Set<String> deferred = new LinkedHashSet<>();

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        reporter = new ErrorReporter(processingEnv.getMessager());
        validator = new InterfaceValidator(processingEnv, reporter);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(
                Callee.class.getCanonicalName(),
                ProxiedSingleton.class.getCanonicalName(),
                LocalExecution.class.getCanonicalName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        try {
            processRound(roundEnv);
        } catch (Throwable t) {
            reportCrash(t, null);
        }
        // Not claimed, so that other processors can see these annotations too. (Claiming them would not
        // quiet javac's -Xlint:processing either: it also reports the generated @Generated as unclaimed.)
        return false;
    }

    private void processRound(RoundEnvironment roundEnv) {
        Set<TypeElement> interfaces = new LinkedHashSet<>();
        for (String name : deferred) {
            interfaces.add(processingEnv.getElementUtils().getTypeElement(name));
        }
        interfaces.addAll(ElementFilter.typesIn(roundEnv.getElementsAnnotatedWith(Callee.class)));
        interfaces.addAll(ElementFilter.typesIn(roundEnv.getElementsAnnotatedWith(ProxiedSingleton.class)));
        deferred = new LinkedHashSet<>();
        for (TypeElement element : interfaces) {
            if (element != null) {
                processInterface(element, roundEnv.processingOver());
            }
        }
        // After the interfaces, so that a plain super-interface of one of them is known as such.
        validator.localExecutionValidator().validate(roundEnv.getElementsAnnotatedWith(LocalExecution.class));
    }

    private void processInterface(TypeElement element, boolean lastRound) {
        try {
            if (!resolution.isResolved(element)) {
                if (lastRound) {
                    reporter.error(
                            element.getSimpleName() + " was not generated because it refers to types that do not"
                                    + " exist: fix the errors reported for those types",
                            element);
                } else {
                    // Another processor may generate the missing type in this round.
                    deferred.add(element.getQualifiedName().toString());
                }
                return;
            }
            validator.createIfValid(element).ifPresent(this::write);
        } catch (RuntimeException e) {
            reportCrash(e, element);
        }
    }

    private void write(InterfaceModel model) {
        for (JavaFile file : sources.write(model)) {
            try {
                file.writeTo(processingEnv.getFiler());
            } catch (IOException e) {
                reporter.error(
                        "could not write " + file.packageName() + "."
                                + file.typeSpec().name() + " for "
                                + model.element().getSimpleName() + " (" + e.getMessage() + "): another type"
                                + " may already have that name; rename one of them",
                        model.element());
            }
        }
    }

    private void reportCrash(Throwable failure, Element element) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String message = "isolate4j's annotation processor failed unexpectedly; please report this with the"
                + " stack trace:\n" + trace;
        if (element == null) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
        } else {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
        }
    }
}
