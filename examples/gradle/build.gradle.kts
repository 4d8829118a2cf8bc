// A Gradle build of an extension API with isolate4j's processor. The processor is declared
// isolating (META-INF/gradle/incremental.annotation.processors), so Gradle compiles incrementally.
//
// Needs Gradle 7.3 or later (Java 17) and isolate4j in the local Maven repository:
//   mvn -B -q -DskipTests install          (from the repository root)
//   gradle build                           (from this directory)
plugins {
    `java-library`
}

repositories {
    mavenLocal()
    mavenCentral()
}

java {
    toolchain {
        languageVersion.set(JavaLanguageVersion.of(17))
    }
}

val isolate4j = "0.1.0-SNAPSHOT"

dependencies {
    api(platform("dev.isolate4j:isolate4j-bom:$isolate4j"))
    api("dev.isolate4j:isolate4j-runtime")
    annotationProcessor(platform("dev.isolate4j:isolate4j-bom:$isolate4j"))
    annotationProcessor("dev.isolate4j:isolate4j-processor")
}

tasks.withType<JavaCompile>().configureEach {
    // -Xlint:-processing: javac would warn that no processor claims @Generated.
    options.compilerArgs.addAll(listOf("-Xlint:all", "-Xlint:-processing", "-Werror"))
}
