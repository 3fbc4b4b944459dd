package interviewlab.dockerlayers;

/** The sample app's Dockerfiles, shared by the demo and the tests that prove what they show. */
public final class Dockerfiles {
    private static final String PICOCLI = "/root/.m2/repository/info/picocli/picocli/4.7.7/picocli-4.7.7.jar";

    // snippet:manifest-first
    public static final String MANIFEST_FIRST = """
            FROM ${MAVEN}
            WORKDIR /src
            COPY m2/ /root/.m2/repository/
            COPY pom.xml .
            RUN mvn -o -B -q dependency:go-offline
            COPY src ./src
            RUN mvn -o -B -q package
            """;
    // end-snippet

    public static final String SOURCES_FIRST = """
            FROM ${MAVEN}
            WORKDIR /src
            COPY m2/ /root/.m2/repository/
            COPY pom.xml .
            COPY src ./src
            RUN mvn -o -B -q dependency:go-offline
            RUN mvn -o -B -q package
            """;

    /** Where the app and its one dependency are in the build stage, as a java classpath. */
    public static final String BUILD_STAGE_CLASSPATH = "target/hello-1.0.jar:" + PICOCLI;

    public static final String SINGLE_STAGE = """
            FROM ${MAVEN}
            WORKDIR /src
            COPY m2/ /root/.m2/repository/
            COPY pom.xml .
            COPY src ./src
            RUN mvn -o -B -q package
            CMD ["java", "-cp", "%s", "hello.Hello"]
            """.formatted(BUILD_STAGE_CLASSPATH);

    // snippet:multi-stage
    public static final String MULTI_STAGE = """
            FROM ${MAVEN} AS build
            WORKDIR /src
            COPY m2/ /root/.m2/repository/
            COPY pom.xml .
            COPY src ./src
            RUN mvn -o -B -q package

            FROM ${JRE}
            COPY --from=build /src/target/hello-1.0.jar /app/hello.jar
            COPY --from=build %s /app/lib/picocli.jar
            CMD ["java", "-cp", "/app/hello.jar:/app/lib/picocli.jar", "hello.Hello"]
            """.formatted(PICOCLI);
    // end-snippet

    private Dockerfiles() {}
}
