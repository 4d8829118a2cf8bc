/**
 * isolate4j's runtime: {@code ExtensionManager} and the public API in {@code dev.isolate4j}, and the
 * contract of generated code in {@code dev.isolate4j.spi}. Everything under {@code
 * dev.isolate4j.internal} stays inside; a child JVM runs this jar on its class path.
 */
module dev.isolate4j.runtime {
    requires transitive dev.isolate4j.annotations;
    requires org.apache.fory.core;
    requires org.slf4j;
    // Relocated Maven Resolver behind a facade: none of Maven's packages enters the module graph.
    requires dev.isolate4j.resolver;
    // The flight-recorder events of calls and lifecycles.
    requires jdk.jfr;
    // Generated classes carry @javax.annotation.processing.Generated (source retention): a module
    // that requires this one reads java.compiler when it compiles, and needs nothing at run time.
    requires static transitive java.compiler;

    // LoggingProvider names the host's SLF4J provider on a non-isolated child's command line.
    uses org.slf4j.spi.SLF4JServiceProvider;
    // Interceptors the host's class path or module path provides (tracing, metrics).
    uses dev.isolate4j.CallInterceptor;

    exports dev.isolate4j;
    exports dev.isolate4j.spi;
}
