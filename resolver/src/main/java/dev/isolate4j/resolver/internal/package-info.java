/**
 * Internal: Maven Resolver and Maven's settings behind {@link dev.isolate4j.resolver.ArtifactResolver}.
 * Not exported; the libraries it uses are relocated under {@code dev.isolate4j.resolver.internal.shaded}.
 */
package dev.isolate4j.resolver.internal;
