package dev.isolate4j.processor.writer;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.isolate4j.processor.Isolate4jProcessor;
import dev.isolate4j.processor.model.MethodModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedNamesTest {

    @Test
    void generatedClassesFollowTheRuntimesNamingRule() {
        ClassName nested = ClassName.get("com.acme", "Outer", "Greeter");
        assertThat(GeneratedNames.descriptor(nested).canonicalName()).isEqualTo("com.acme.Outer_Greeter_Descriptor");
        assertThat(GeneratedNames.proxy(nested).canonicalName()).isEqualTo("com.acme.Outer_Greeter_Proxy");
        assertThat(GeneratedNames.dispatcher(nested).canonicalName()).isEqualTo("com.acme.Outer_Greeter_Dispatcher");
        assertThat(GeneratedNames.descriptor(ClassName.get("", "Greeter")).canonicalName())
                .isEqualTo("Greeter_Descriptor");
    }

    @Test
    void constantsAreUpperSnakeCase() {
        assertThat(GeneratedNames.upperSnakeCase("greet")).isEqualTo("GREET");
        assertThat(GeneratedNames.upperSnakeCase("greetAll")).isEqualTo("GREET_ALL");
        assertThat(GeneratedNames.upperSnakeCase("getHTTPStatus")).isEqualTo("GET_HTTP_STATUS");
        assertThat(GeneratedNames.upperSnakeCase("toURL")).isEqualTo("TO_URL");
        assertThat(GeneratedNames.upperSnakeCase("sum2d")).isEqualTo("SUM2D");
        assertThat(GeneratedNames.upperSnakeCase("v2Api")).isEqualTo("V2_API");
    }

    @Test
    void overloadsGetTheirIdAndCollisionsStayUnique() {
        List<MethodModel> methods = List.of(
                method("greet", 0), method("ping", 1), method("greet", 2), method("greet_2", 3), method("GREET", 4));
        assertThat(GeneratedNames.methodIdConstants(methods))
                .containsExactly("GREET", "PING", "GREET_2", "GREET_2_", "GREET_")
                .inOrder();
    }

    @Test
    void generatedAnnotationNamesTheProcessor() {
        assertThat(Provenance.GENERATOR).isEqualTo(Isolate4jProcessor.class.getName());
    }

    private static MethodModel method(String name, int id) {
        return new MethodModel(
                name,
                id,
                List.of(),
                false,
                TypeName.VOID,
                false,
                TypeName.VOID,
                name + "()void",
                List.of(),
                List.of(),
                false,
                false,
                false,
                false);
    }
}
