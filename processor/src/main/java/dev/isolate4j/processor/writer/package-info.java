/**
 * Internal: writers that turn an {@link dev.isolate4j.processor.model.InterfaceModel} into Java
 * source with JavaPoet, reading nothing but the model.
 */
package dev.isolate4j.processor.writer;
