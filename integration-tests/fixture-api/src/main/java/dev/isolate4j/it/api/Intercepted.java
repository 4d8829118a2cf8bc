package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import java.util.List;

/**
 * What the fixture extension's own {@code CallInterceptor} (found by the child's ServiceLoader) saw
 * of the calls it served; registered by the fixture extension as callee "intercepted".
 */
@Callee
public interface Intercepted {
    /** One line per call served: "Interface.method key=value,... same-thread|other-thread outcome". */
    List<String> seen();
}
