package dev.isolate4j.it.oldlibs;

import com.google.auto.service.AutoService;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.it.api.ProbeSupport;
import java.util.List;
import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.slf4j.LoggerFactory;

/** Uses its own Fory 0.16 and SLF4J 1.7 while the runtime in the same process uses its own versions. */
@AutoService(ExtensionBase.class)
public final class OldLibrariesProbe extends ProbeSupport {
    @Override
    public String useVersionSpecificApi(List<String> words) {
        Fory fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(false)
                .build();
        Object copy = fory.deserialize(fory.serialize(String.join(" ", words)));
        LoggerFactory.getLogger(OldLibrariesProbe.class).info("round trip of {}", copy);
        return copy + " via " + LoggerFactory.getILoggerFactory().getClass().getName();
    }
}
