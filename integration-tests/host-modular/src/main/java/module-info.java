/**
 * A host application on the module path: it reads isolate4j's runtime and the fixture API, and
 * nothing of Maven's. Its own {@code api} package is exported, as an API package would be; {@code
 * hidden} is not, so that the runtime's message about it can be checked.
 */
module dev.isolate4j.it.host {
    requires dev.isolate4j.runtime;
    requires dev.isolate4j.it.api;

    exports dev.isolate4j.it.host.api;
}
