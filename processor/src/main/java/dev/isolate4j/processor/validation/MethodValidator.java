package dev.isolate4j.processor.validation;

import com.palantir.javapoet.TypeName;
import dev.isolate4j.processor.model.MethodModel;
import dev.isolate4j.processor.model.ParameterModel;
import dev.isolate4j.processor.validation.MethodCollector.Member;
import dev.isolate4j.processor.validation.SerializedTypeCollector.ArrayField;
import dev.isolate4j.processor.validation.SerializedTypeCollector.Reached;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one remote method into a {@link MethodModel}, or reports why it cannot be called remotely:
 * type parameters, a return type that is neither a value nor a {@code CompletableFuture} or {@code
 * CompletionStage} of one, a parameter type that cannot be serialized.
 */
final class MethodValidator {
    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

    private final Types types;
    private final Elements elements;
    private final Signatures signatures;
    private final TypeRules rules;
    private final ErrorReporter reporter;

    MethodValidator(Types types, Elements elements, Signatures signatures, TypeRules rules, ErrorReporter reporter) {
        this.types = types;
        this.elements = elements;
        this.signatures = signatures;
        this.rules = rules;
        this.reporter = reporter;
    }

    /**
     * @param id the method id to give the method
     * @param collector collects the method's serialized types, and tells which it cannot name
     */
    Optional<MethodModel> createIfValid(Member member, int id, SerializedTypeCollector collector) {
        ExecutableElement method = member.element();
        if (!method.getTypeParameters().isEmpty()) {
            reporter.error(
                    "method " + signatures.display(method) + " in " + Signatures.owner(method)
                            + " declares type parameters, which a dispatcher cannot call without knowing the types:"
                            + " use concrete types instead",
                    method);
            return Optional.empty();
        }
        int errorsBefore = reporter.errorCount();
        // Parameters before the result: serialized types are listed in first-seen order.
        Parameters parameters = parameters(member, collector);
        TypeMirror returnType = member.type().getReturnType();
        Optional<TypeMirror> futureResult = asyncResult(method, returnType);
        TypeMirror result = futureResult.orElse(returnType);
        // A future type that cannot be returned was reported by asyncResult; it has no result to check.
        boolean resultReachesClass =
                (futureResult.isPresent() || !rules.isFuture(returnType)) && checkResult(method, result, collector);
        checkExceptionFields(member, collector);
        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        boolean tracksReferences = parameters.reachClass() || resultReachesClass;
        return Optional.of(model(member, id, parameters.models(), futureResult.isPresent(), result, tracksReferences));
    }

    /**
     * The result type of an asynchronous method (its future's type argument), or empty for a
     * blocking one; reports future types that cannot be returned.
     */
    private Optional<TypeMirror> asyncResult(ExecutableElement method, TypeMirror returnType) {
        if (returnType.getKind() != TypeKind.DECLARED || !rules.isFuture(returnType)) {
            return Optional.empty();
        }
        String name = signatures.erasedName(returnType);
        String where = "method " + signatures.display(method) + " in " + Signatures.owner(method);
        if (!name.equals(COMPLETABLE_FUTURE) && !name.equals(COMPLETION_STAGE)) {
            reporter.error(
                    where + " returns " + name + ", but only CompletableFuture and CompletionStage can be"
                            + " completed by a remote call: return a CompletableFuture instead",
                    method);
            return Optional.empty();
        }
        List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
        if (arguments.isEmpty()) {
            reporter.error(
                    where + " returns a raw " + signatures.simpleName(returnType)
                            + ", so its result type is unknown: give it a type argument, e.g. "
                            + signatures.simpleName(returnType) + "<Void>",
                    method);
            return Optional.empty();
        }
        if (arguments.get(0).getKind() == TypeKind.WILDCARD) {
            reporter.error(
                    where + " returns " + returnType
                            + ", whose result type is a wildcard: use a concrete type argument",
                    method);
            return Optional.empty();
        }
        return Optional.of(arguments.get(0));
    }

    /**
     * Checks the result type (a future's type argument for an asynchronous method, which may be a
     * stream too); returns whether it reaches an application class.
     */
    private boolean checkResult(ExecutableElement method, TypeMirror result, SerializedTypeCollector collector) {
        if (Signatures.isVoid(result)) {
            return false;
        }
        String where = "method " + signatures.display(method) + " in " + Signatures.owner(method);
        rules.checkTopLevel(result)
                .ifPresent(problem -> reporter.error(
                        where + " returns " + result + ", which cannot cross the process boundary: " + problem.reason()
                                + "; " + problem.fix(),
                        method));
        return report(collector.add(result), "the result of " + where, method, method, reporter::error);
    }

    /**
     * Collects what the fields of the checked exceptions the method declares hold. A field whose
     * value cannot cross is only a warning: the exception still arrives, without that field.
     */
    private void checkExceptionFields(Member member, SerializedTypeCollector collector) {
        ExecutableElement method = member.element();
        String where = "a field of an exception that method " + signatures.display(method) + " in "
                + Signatures.owner(method) + " declares";
        for (TypeMirror exception : member.type().getThrownTypes()) {
            if (exception.getKind() == TypeKind.DECLARED && isChecked(exception)) {
                report(collector.addExceptionFields(exception), where, method, method, reporter::warning);
            }
        }
    }

    /** The parameters' models, and whether any parameter reaches an application class. */
    private record Parameters(List<ParameterModel> models, boolean reachClass) {}

    private Parameters parameters(Member member, SerializedTypeCollector collector) {
        ExecutableElement method = member.element();
        List<ParameterModel> parameters = new ArrayList<>();
        boolean reachClass = false;
        for (int i = 0; i < method.getParameters().size(); i++) {
            VariableElement parameter = method.getParameters().get(i);
            TypeMirror type = member.type().getParameterTypes().get(i);
            String where = "parameter " + parameter.getSimpleName() + " of method " + signatures.display(method)
                    + " in " + Signatures.owner(method);
            rules.checkTopLevel(type)
                    .ifPresent(problem -> reporter.error(
                            where + " has type " + type + ", which cannot cross the process boundary: "
                                    + problem.reason() + "; " + problem.fix(),
                            parameter));
            reachClass |= report(collector.add(type), where, method, parameter, reporter::error);
            parameters.add(new ParameterModel(
                    parameter.getSimpleName().toString(),
                    TypeName.get(type),
                    TypeName.get(types.erasure(type)),
                    !Reifiability.isReifiable(type)));
        }
        return new Parameters(parameters, reachClass);
    }

    /**
     * Reports, on {@code element}, the problems of the types reachable from {@code where}, to {@code
     * sink}; returns whether they include an application class.
     */
    private boolean report(
            Reached problems,
            String where,
            ExecutableElement method,
            Element element,
            BiConsumer<String, Element> sink) {
        String pkg = elements.getPackageOf(method).getQualifiedName().toString();
        for (TypeElement type : problems.inaccessible()) {
            sink.accept(
                    "type " + type.getQualifiedName() + ", reachable from " + where
                            + ", must be registered with the serializer, but generated code in package " + pkg
                            + " cannot name it: make it public",
                    element);
        }
        for (ArrayField arrayField : problems.arrayFields()) {
            VariableElement field = arrayField.field();
            TypeElement owner = (TypeElement) field.getEnclosingElement();
            boolean record = owner.getKind() == ElementKind.RECORD;
            TypeProblem problem = rules.arrayProblem(arrayField.array());
            sink.accept(
                    (record ? "record " : "class ") + owner.getQualifiedName() + ", reachable from " + where + ", has "
                            + (record ? "component " : "field ") + field.getSimpleName() + " of type " + field.asType()
                            + ", which cannot cross the process boundary: " + problem.reason() + "; "
                            + problem.fix(),
                    element);
        }
        return problems.reachesClass();
    }

    private MethodModel model(
            Member member,
            int id,
            List<ParameterModel> parameters,
            boolean async,
            TypeMirror result,
            boolean tracksReferences) {
        ExecutableElement method = member.element();
        TypeMirror returnType = member.type().getReturnType();
        List<TypeName> thrown = new ArrayList<>();
        List<TypeName> checked = new ArrayList<>();
        for (TypeMirror exception : member.type().getThrownTypes()) {
            thrown.add(TypeName.get(exception));
            if (isChecked(exception)) {
                checked.add(TypeName.get(types.erasure(exception)));
            }
        }
        return new MethodModel(
                method.getSimpleName().toString(),
                id,
                parameters,
                method.isVarArgs(),
                TypeName.get(returnType),
                async,
                TypeName.get(types.erasure(result)),
                signatures.signature(
                        method.getSimpleName().toString(), member.type().getParameterTypes(), returnType),
                thrown,
                checked,
                !async && !Reifiability.isReifiable(returnType),
                method.isVarArgs() && !Reifiability.isReifiable(lastParameterComponent(member)),
                usesDeprecated(member),
                tracksReferences);
    }

    private boolean usesDeprecated(Member member) {
        List<TypeMirror> mentioned = new ArrayList<>(member.type().getParameterTypes());
        mentioned.add(member.type().getReturnType());
        mentioned.addAll(member.type().getThrownTypes());
        return elements.isDeprecated(member.element())
                || mentioned.stream().anyMatch(type -> Deprecation.mentionsDeprecated(type, elements));
    }

    private static TypeMirror lastParameterComponent(Member member) {
        List<? extends TypeMirror> parameterTypes = member.type().getParameterTypes();
        return ((ArrayType) parameterTypes.get(parameterTypes.size() - 1)).getComponentType();
    }

    private boolean isChecked(TypeMirror exception) {
        TypeMirror runtime =
                elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        return !types.isSubtype(exception, runtime) && !types.isSubtype(exception, error);
    }
}
