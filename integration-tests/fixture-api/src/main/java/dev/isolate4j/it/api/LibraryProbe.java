package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import java.util.List;

/** What the isolation tests ask an isolated extension about the libraries it sees. */
@Callee
public interface LibraryProbe {
    /** Calls an API that exists only in the library version the extension was built for. */
    String useVersionSpecificApi(List<String> words);

    /** The jar file a class was loaded from, as the extension sees it, or "absent". */
    String locationOf(String className);

    String systemProperty(String name);

    String environmentVariable(String name);

    long pid();
}
