package dev.isolate4j.processor.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Lists the instance methods of an interface, inherited ones included, in a deterministic order:
 * super-interfaces first (depth first, in declaration order), then the interface's own, each
 * signature once.
 *
 * <p>Method ids are positions in this order, so it must not depend on anything but the sources.
 * Static and private methods are not part of the contract, and {@code toString}, {@code hashCode}
 * and {@code equals} belong to {@code Object}: all are left out.
 */
final class MethodCollector {
    private final Types types;
    private final Signatures signatures;

    MethodCollector(Types types, Signatures signatures) {
        this.types = types;
        this.signatures = signatures;
    }

    /** One method as a member of the annotated interface (super-interface type arguments applied). */
    record Member(ExecutableElement element, ExecutableType type) {}

    List<Member> collect(TypeElement root) {
        DeclaredType rootType = (DeclaredType) root.asType();
        Map<String, ExecutableElement> byKey = new LinkedHashMap<>();
        visit(root, rootType, byKey, new HashSet<>());
        List<Member> members = new ArrayList<>();
        for (ExecutableElement method : byKey.values()) {
            members.add(new Member(method, (ExecutableType) types.asMemberOf(rootType, method)));
        }
        return members;
    }

    private void visit(
            TypeElement type, DeclaredType rootType, Map<String, ExecutableElement> byKey, Set<TypeElement> seen) {
        if (!seen.add(type)) {
            return; // an interface reached twice through a diamond contributes its methods once
        }
        for (TypeMirror superinterface : type.getInterfaces()) {
            if (superinterface.getKind() == TypeKind.DECLARED) {
                visit((TypeElement) types.asElement(superinterface), rootType, byKey, seen);
            }
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (isContractMethod(method)) {
                ExecutableType asMember = (ExecutableType) types.asMemberOf(rootType, method);
                String key = signatures.erasedKey(method.getSimpleName().toString(), asMember.getParameterTypes());
                ExecutableElement previous = byKey.get(key);
                // Keep the first position, but the most specific declaration: an override in a
                // sub-interface decides whether the method is default, @LocalExecution, what it throws.
                if (previous == null || overrides(type, previous)) {
                    byKey.put(key, method);
                }
            }
        }
    }

    private boolean overrides(TypeElement declaring, ExecutableElement previous) {
        TypeElement previousOwner = (TypeElement) previous.getEnclosingElement();
        return types.isSubtype(types.erasure(declaring.asType()), types.erasure(previousOwner.asType()));
    }

    private boolean isContractMethod(ExecutableElement method) {
        Set<Modifier> modifiers = method.getModifiers();
        return !modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.PRIVATE) && !isObjectMethod(method);
    }

    private boolean isObjectMethod(ExecutableElement method) {
        String name = method.getSimpleName().toString();
        int arity = method.getParameters().size();
        if (arity == 0) {
            return name.equals("toString") || name.equals("hashCode");
        }
        return arity == 1
                && name.equals("equals")
                && signatures.erasedName(method.getParameters().get(0).asType()).equals("java.lang.Object");
    }
}
