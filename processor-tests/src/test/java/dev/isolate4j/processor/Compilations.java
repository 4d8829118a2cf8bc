package dev.isolate4j.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;

/** Runs javac with the processor, the way the tests need it. */
final class Compilations {
    /**
     * The lint options of the project's own build: everything, as errors, except javac's
     * "processing" lint, which reports the {@code @Generated} annotation of any generated file as
     * "not claimed by any processor".
     */
    static final String[] STRICT = {"-Xlint:all", "-Xlint:-processing", "-Werror"};

    private Compilations() {}

    /** Compiles {@code sources} with the isolate4j processor and strict lint. */
    static Compilation compile(JavaFileObject... sources) {
        return compiler().compile(sources);
    }

    /** A javac with the isolate4j processor and strict lint. */
    static Compiler compiler() {
        return Compiler.javac().withProcessors(new Isolate4jProcessor()).withOptions((Object[]) STRICT);
    }
}
