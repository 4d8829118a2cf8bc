/**
 * What the JDK a child runs on needs: the JVM options chosen by its feature version. Internal: not
 * part of the API.
 */
package dev.isolate4j.internal.jdk;
