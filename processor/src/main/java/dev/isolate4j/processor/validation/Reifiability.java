package dev.isolate4j.processor.validation;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Whether a type is reifiable (JLS 4.7): casting {@code Object} to a non-reifiable type is an
 * unchecked cast, so generated code must suppress that warning exactly where it casts to one.
 */
final class Reifiability {
    private Reifiability() {}

    static boolean isReifiable(TypeMirror type) {
        if (type.getKind().isPrimitive() || type.getKind() == TypeKind.VOID) {
            return true;
        }
        switch (type.getKind()) {
            case ARRAY:
                return isReifiable(((ArrayType) type).getComponentType());
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                boolean argumentsReifiable =
                        declared.getTypeArguments().stream().allMatch(Reifiability::isUnboundedWildcard);
                TypeMirror enclosing = declared.getEnclosingType();
                return argumentsReifiable && (enclosing.getKind() != TypeKind.DECLARED || isReifiable(enclosing));
            default:
                return false;
        }
    }

    private static boolean isUnboundedWildcard(TypeMirror type) {
        if (type.getKind() != TypeKind.WILDCARD) {
            return false;
        }
        WildcardType wildcard = (WildcardType) type;
        return wildcard.getExtendsBound() == null && wildcard.getSuperBound() == null;
    }
}
