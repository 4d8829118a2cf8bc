/**
 * The annotations that mark interfaces for isolate4j's annotation processor: {@link
 * dev.isolate4j.annotations.Callee}, {@link dev.isolate4j.annotations.ProxiedSingleton} and {@link
 * dev.isolate4j.annotations.LocalExecution}.
 */
package dev.isolate4j.annotations;
