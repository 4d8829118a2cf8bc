package dev.isolate4j.processor.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import dev.isolate4j.processor.model.InterfaceModel;

/**
 * What every generated class carries: a one-line Javadoc naming its interface, {@code @Generated},
 * and the interface as its originating element, which Gradle's isolating incremental mode needs to
 * know which source a generated file depends on.
 */
final class Provenance {
    /** The processor's class name, written into {@code @Generated}; kept in sync by a test. */
    static final String GENERATOR = "dev.isolate4j.processor.Isolate4jProcessor";

    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private Provenance() {}

    /**
     * A class builder with the provenance of {@code model}.
     *
     * @param javadoc one sentence, where {@code $T} is the interface
     */
    static TypeSpec.Builder classBuilder(ClassName name, InterfaceModel model, String javadoc) {
        TypeSpec.Builder builder = TypeSpec.classBuilder(name)
                .addJavadoc(javadoc + "\n", model.type())
                .addAnnotation(AnnotationSpec.builder(GENERATED)
                        .addMember("value", "$S", GENERATOR)
                        .addMember("comments", "$S", "from " + model.canonicalName())
                        .build())
                .addOriginatingElement(model.element());
        if (model.usesDeprecated()) {
            // Implementing a deprecated interface or method is what generated code is for; the
            // user's own code already gets the warning.
            builder.addAnnotation(suppressWarnings("deprecation", "removal"));
        }
        return builder;
    }

    /** {@code @SuppressWarnings({...})} for the given warnings. */
    static AnnotationSpec suppressWarnings(String... warnings) {
        AnnotationSpec.Builder builder = AnnotationSpec.builder(SuppressWarnings.class);
        for (String warning : warnings) {
            builder.addMember("value", "$S", warning);
        }
        return builder.build();
    }
}
