# syntax=docker/dockerfile:1
# The sidecar's image with a Docker engine: build, test, runtime. It lays out the same files as the image that
# packaging/build-image.sh makes without an engine (make image; tested by ImageIT): a jlink runtime at /opt/java of the
# modules jdeps finds, the app at /app, the JVM options of packaging/jvm.options, and an AOT cache recorded by a
# training run (--train) at those final paths with those options. Not built on the team machines (no engine there).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests cyclonedx:makeBom

# Unit tests. The integration tests start Kafka brokers and chroot into the image: CI runs them (make test).
FROM build AS test
RUN ./mvnw -B test && touch /tests-passed

FROM build AS runtime-build
COPY --from=test /tests-passed /tmp/tests-passed
COPY packaging/jvm.options /app/jvm.options
RUN jlink --add-modules "$(jdeps --multi-release 25 --print-module-deps --ignore-missing-deps \
          --class-path 'target/lib/*' target/kafka-orchestrator.jar target/lib/*.jar | tail -1)" \
        --output /opt/java --strip-debug --no-header-files --no-man-pages --compress zip-6 \
 && cp target/kafka-orchestrator.jar /app/ && cp -r target/lib /app/lib \
 && cp target/kafka-orchestrator.cdx.json /app/sbom.cdx.json \
 && /opt/java/bin/java @/app/jvm.options -XX:AOTCacheOutput=/app/app.aot -jar /app/kafka-orchestrator.jar --train \
 && chmod -R a+rX /app

# glibc and nothing else; uid 65532 ("nonroot"). The app writes no files: a read-only root file system is fine.
FROM gcr.io/distroless/base-nossl-debian12:nonroot
COPY --from=runtime-build /opt/java /opt/java
COPY --from=runtime-build /app /app
ENV MALLOC_ARENA_MAX=2
# The JVM decodes environment variables (a SASL password, say) in the locale's charset: without a UTF-8 locale every
# non-ASCII character turns into '?'. The distroless base carries glibc's C.utf8 locale.
ENV LANG=C.UTF-8
USER 65532:65532
WORKDIR /app
EXPOSE 8080
# Exec form: the JVM is PID 1 and receives SIGTERM itself (graceful stop, exit 0).
ENTRYPOINT ["/opt/java/bin/java", "@/app/jvm.options", "-XX:AOTCache=/app/app.aot", "-jar", "/app/kafka-orchestrator.jar"]
