package dev.isolate4j.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.LocalExecution;
import dev.isolate4j.annotations.ProxiedSingleton;
import dev.isolate4j.processor.model.InterfaceModel;
import dev.isolate4j.processor.model.MethodModel;
import dev.isolate4j.processor.validation.MethodCollector.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @Callee} or {@code @ProxiedSingleton} interface into an {@link InterfaceModel}, or
 * reports every reason it cannot be generated and returns empty, so that this interface is
 * abandoned while the others are still generated.
 */
public final class InterfaceValidator {
    private final Types types;
    private final Elements elements;
    private final ErrorReporter reporter;
    private final SingletonIdRegistry singletonIds = new SingletonIdRegistry();
    private final MethodCollector collector;
    private final MethodValidator methodValidator;
    private final ConflictValidator conflicts;
    private final LocalExecutionValidator localExecution;

    /**
     * Creates a validator for one compilation.
     *
     * @param env the processing environment
     * @param reporter where errors go
     */
    public InterfaceValidator(ProcessingEnvironment env, ErrorReporter reporter) {
        this.types = env.getTypeUtils();
        this.elements = env.getElementUtils();
        this.reporter = reporter;
        Signatures signatures = new Signatures(types);
        this.collector = new MethodCollector(types, signatures);
        this.methodValidator =
                new MethodValidator(types, elements, signatures, new TypeRules(env, signatures), reporter);
        this.conflicts = new ConflictValidator(signatures, reporter);
        this.localExecution = new LocalExecutionValidator(reporter, signatures);
    }

    /** {@return the validator of {@code @LocalExecution} methods, which knows the interfaces seen here} */
    public LocalExecutionValidator localExecutionValidator() {
        return localExecution;
    }

    /**
     * The model of {@code element}, or empty when it has errors (all of them reported).
     *
     * @param element a {@code @Callee} or {@code @ProxiedSingleton} interface
     * @return the model, or empty
     */
    public Optional<InterfaceModel> createIfValid(TypeElement element) {
        if (!checkDeclaration(element)) {
            return Optional.empty();
        }
        int errorsBefore = reporter.errorCount();
        String id = singletonId(element);
        List<Member> remote = remoteMembers(element);
        conflicts.check(remote);
        String packageName = elements.getPackageOf(element).getQualifiedName().toString();
        SerializedTypeCollector serialized = new SerializedTypeCollector(types, elements, packageName);
        List<MethodModel> methods = new ArrayList<>();
        for (int methodId = 0; methodId < remote.size(); methodId++) {
            methodValidator
                    .createIfValid(remote.get(methodId), methodId, serialized)
                    .ifPresent(methods::add);
        }
        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new InterfaceModel(
                element,
                ClassName.get(element),
                id,
                element.getAnnotation(ProxiedSingleton.class) != null,
                elements.isDeprecated(element)
                        || serialized.mentionsDeprecated()
                        || methods.stream().anyMatch(MethodModel::usesDeprecated),
                methods,
                serialized.types(),
                RecordModels.of(serialized.records(), types),
                ForyNeeds.of(remote, types, elements)));
    }

    /** Checks what the interface itself must be; its methods are not worth checking otherwise. */
    private boolean checkDeclaration(TypeElement element) {
        String annotation = element.getAnnotation(Callee.class) != null ? "@Callee" : "@ProxiedSingleton";
        String name = element.getSimpleName().toString();
        if (element.getKind() != ElementKind.INTERFACE) {
            reporter.error(
                    annotation + " can only be applied to an interface, but " + name + " is "
                            + Signatures.kindPhrase(element.getKind()) + ": declare " + name
                            + " as an interface and implement it in a class",
                    element);
            return false;
        }
        String packageName = elements.getPackageOf(element).getQualifiedName().toString();
        if (!Accessibility.isAccessible(element, packageName, elements)) {
            reporter.error(
                    annotation + " interface " + name + " is private, or nested in a private type, so generated"
                            + " code in package " + packageName + " cannot implement it: make it package-private"
                            + " or public",
                    element);
            return false;
        }
        if (!element.getTypeParameters().isEmpty()) {
            reporter.error(
                    annotation + " interface " + name + " is generic, and a dispatcher cannot call it without"
                            + " knowing its types: use concrete types, e.g. declare a non-generic interface"
                            + " that extends " + name + "<String>",
                    element);
            return false;
        }
        return true;
    }

    /** The {@code @ProxiedSingleton} id (reporting one used twice), or the canonical name. */
    private String singletonId(TypeElement element) {
        String canonicalName = element.getQualifiedName().toString();
        ProxiedSingleton singleton = element.getAnnotation(ProxiedSingleton.class);
        if (singleton == null) {
            return canonicalName;
        }
        String id = singleton.id().isEmpty() ? canonicalName : singleton.id();
        singletonIds.claim(id, canonicalName).ifPresent(first -> reportDuplicateId(element, id, first));
        return id;
    }

    private void reportDuplicateId(TypeElement element, String id, String first) {
        String message = "@ProxiedSingleton id \"" + id + "\" of " + element.getQualifiedName() + " is already used by "
                + first + ": give one of them a different id";
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType =
                    (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(ProxiedSingleton.class.getCanonicalName())) {
                reporter.error(message, element, mirror, explicitId(mirror));
                return;
            }
        }
        reporter.error(message, element);
    }

    private static AnnotationValue explicitId(AnnotationMirror mirror) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals("id")) {
                return entry.getValue();
            }
        }
        return null; // the default id: point at the annotation itself
    }

    /**
     * The methods a proxy forwards, in method-id order: every contract method except {@code
     * default} methods annotated {@code @LocalExecution}, which run in the caller.
     */
    private List<Member> remoteMembers(TypeElement element) {
        List<Member> remote = new ArrayList<>();
        for (Member member : collector.collect(element)) {
            ExecutableElement method = member.element();
            localExecution.noteRemoteContributor((TypeElement) method.getEnclosingElement());
            if (method.getAnnotation(LocalExecution.class) == null) {
                remote.add(member);
            } else if (!method.getModifiers().contains(Modifier.DEFAULT)) {
                localExecution.reportNotDefault(method);
            }
        }
        return remote;
    }
}
