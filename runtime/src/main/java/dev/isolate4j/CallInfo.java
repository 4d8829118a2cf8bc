package dev.isolate4j;

/**
 * One call, as a {@link CallInterceptor} sees it.
 *
 * @param extension the extension the call goes to or comes from: its name, as configured
 * @param type the interface called, e.g. {@code Ocr.class}
 * @param method the method's name, e.g. {@code "recognize"}
 * @param async whether the method returns a future
 */
public record CallInfo(String extension, Class<?> type, String method, boolean async) {
    /** {@return "Interface.method", e.g. {@code "Ocr.recognize"}: a span or metric name} */
    public String fullMethodName() {
        return type.getSimpleName() + "." + method;
    }
}
