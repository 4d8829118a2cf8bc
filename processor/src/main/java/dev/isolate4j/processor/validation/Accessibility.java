package dev.isolate4j.processor.validation;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Whether generated code, a top-level class in a given package, can name a type. */
final class Accessibility {
    private Accessibility() {}

    /**
     * Whether code in {@code packageName} can refer to {@code type}: neither it nor any type enclosing
     * it is local, anonymous or private, and all of them are public when the package differs.
     */
    static boolean isAccessible(TypeElement type, String packageName, Elements elements) {
        boolean samePackage = elements.getPackageOf(type).getQualifiedName().contentEquals(packageName);
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            TypeElement current = (TypeElement) e;
            NestingKind nesting = current.getNestingKind();
            if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
                return false;
            }
            Set<Modifier> modifiers = current.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE) || (!samePackage && !modifiers.contains(Modifier.PUBLIC))) {
                return false;
            }
        }
        return true;
    }
}
