/**
 * The resolver's facade: the only package of {@code isolate4j-resolver} that other modules see. Its
 * signatures use JDK types and its own, never Maven Resolver's, which are relocated inside the
 * artifact.
 */
package dev.isolate4j.resolver;
