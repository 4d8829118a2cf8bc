/**
 * Internal: validators that read annotated elements into the {@link dev.isolate4j.processor.model}
 * or report, on the narrowest element, why they cannot.
 */
package dev.isolate4j.processor.validation;
