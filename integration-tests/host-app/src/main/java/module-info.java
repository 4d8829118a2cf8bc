/**
 * The matrix host as a named module, for the module-path row of {@code HostMatrixTest}: it reads
 * isolate4j's runtime and the fixture API; SLF4J binds its provider by service. On a class path,
 * in a shaded jar or in a Spring Boot jar, this descriptor is ignored.
 */
module dev.isolate4j.it.matrix {
    requires dev.isolate4j.runtime;
    requires dev.isolate4j.it.api;
}
