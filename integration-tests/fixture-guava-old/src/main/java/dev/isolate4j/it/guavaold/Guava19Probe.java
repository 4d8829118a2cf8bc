package dev.isolate4j.it.guavaold;

import com.google.auto.service.AutoService;
import com.google.common.base.Objects;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.it.api.ProbeSupport;
import java.util.List;

/** Needs Guava 19: {@code Objects.toStringHelper} was removed in Guava 21. */
@AutoService(ExtensionBase.class)
public final class Guava19Probe extends ProbeSupport {
    @Override
    @SuppressWarnings("deprecation")
    public String useVersionSpecificApi(List<String> words) {
        return Objects.toStringHelper("Words").add("count", words.size()).toString();
    }
}
