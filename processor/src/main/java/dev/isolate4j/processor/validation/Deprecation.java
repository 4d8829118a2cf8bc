package dev.isolate4j.processor.validation;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Whether a type mentions a deprecated type. Generated code that names one would raise a
 * deprecation warning, which {@code -Werror} turns into a failed build of the user's project.
 */
final class Deprecation {
    private Deprecation() {}

    static boolean mentionsDeprecated(TypeMirror type, Elements elements) {
        switch (type.getKind()) {
            case ARRAY:
                return mentionsDeprecated(((ArrayType) type).getComponentType(), elements);
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                return (wildcard.getExtendsBound() != null && mentionsDeprecated(wildcard.getExtendsBound(), elements))
                        || (wildcard.getSuperBound() != null && mentionsDeprecated(wildcard.getSuperBound(), elements));
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                for (Element e = declared.asElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
                    if (elements.isDeprecated(e)) {
                        return true;
                    }
                }
                return declared.getTypeArguments().stream().anyMatch(t -> mentionsDeprecated(t, elements));
            default:
                return false;
        }
    }
}
