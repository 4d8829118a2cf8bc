/**
 * An isolated extension's environment: its Maven coordinates resolved (through isolate4j-resolver) into a class path recorded under the environment root, reused while its inputs are unchanged, locked across hosts. Internal: not part of the API.
 */
package dev.isolate4j.internal.environment;
