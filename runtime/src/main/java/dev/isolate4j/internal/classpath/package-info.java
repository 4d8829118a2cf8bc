/**
 * The class paths child JVMs start with, as plain files, whatever the host's packaging: class path,
 * shaded jar, Spring Boot executable jar, module path. Internal: not part of the API.
 */
package dev.isolate4j.internal.classpath;
