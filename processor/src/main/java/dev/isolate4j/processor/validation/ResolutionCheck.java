package dev.isolate4j.processor.validation;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * Whether every type an interface's methods mention is resolved. A type that another processor
 * generates later in the compilation is still an error type in this round: such an interface is
 * retried in the next round instead of being generated with a broken type.
 */
public final class ResolutionCheck {

    /**
     * Whether {@code element}, its super-interfaces and their method signatures are all resolved.
     *
     * @param element an annotated interface
     * @return whether it can be validated in this round
     */
    public boolean isResolved(TypeElement element) {
        return isResolved(element, new HashSet<>());
    }

    private boolean isResolved(TypeElement element, Set<TypeElement> seen) {
        if (!seen.add(element)) {
            return true;
        }
        for (TypeMirror superinterface : element.getInterfaces()) {
            if (!isResolved(superinterface)
                    || !isResolved((TypeElement) ((DeclaredType) superinterface).asElement(), seen)) {
                return false;
            }
        }
        for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
            if (!isResolved(method.getReturnType())
                    || !method.getThrownTypes().stream().allMatch(this::isResolved)) {
                return false;
            }
            for (VariableElement parameter : method.getParameters()) {
                if (!isResolved(parameter.asType())) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean isResolved(TypeMirror type) {
        switch (type.getKind()) {
            case ERROR:
                return false;
            case ARRAY:
                return isResolved(((ArrayType) type).getComponentType());
            case DECLARED:
                return ((DeclaredType) type).getTypeArguments().stream().allMatch(this::isResolved);
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                return (wildcard.getExtendsBound() == null || isResolved(wildcard.getExtendsBound()))
                        && (wildcard.getSuperBound() == null || isResolved(wildcard.getSuperBound()));
            default:
                return true;
        }
    }
}
