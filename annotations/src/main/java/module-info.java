/** The annotations that mark interfaces for isolate4j's annotation processor. No dependencies. */
module dev.isolate4j.annotations {
    exports dev.isolate4j.annotations;
}
