package dev.isolate4j.processor.validation;

/**
 * Why a type cannot cross the process boundary, and what to use instead.
 *
 * @param reason e.g. "java.lang.Runnable is an interface that is neither ..."
 * @param fix e.g. "pass a record or a class"
 */
record TypeProblem(String reason, String fix) {}
