rootProject.name = "isolate4j-gradle-sample"
