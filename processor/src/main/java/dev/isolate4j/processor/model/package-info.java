/**
 * Internal: the immutable model of a {@code @Callee} or {@code @ProxiedSingleton} interface that the
 * validators build and the writers read. Nothing here looks at a processing round.
 */
package dev.isolate4j.processor.model;
