package dev.isolate4j.internal.child;

import dev.isolate4j.annotations.Callee;

/**
 * The remote interface a prestarted child calls itself through while it waits ({@link
 * PrestartWarmUp}): reading its annotation, finding its descriptor and serving one call run the
 * code an extension's export and first call run, before the extension is known. The runtime has no
 * annotation processor, so its descriptor is written by hand ({@link WarmUpEcho_Descriptor}).
 */
@Callee
interface WarmUpEcho {
    String echo(String value);
}
