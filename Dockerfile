# The gateway's container image for people who build with Docker (or Podman, Buildah): the same layout as
# `./portcullis image`, which needs no Docker daemon and pulls no base image (docs/deploy.md). Build and run:
#   docker build -t portcullis .
#   docker run -p 8787:8787 -v portcullis-data:/data portcullis
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package \
 && jlink --add-modules "$(grep -v '^#' deploy/image/modules | paste -sd, -)" --strip-debug --no-header-files \
      --no-man-pages --output /opt/java \
 && mkdir -p /app /data \
 && cp target/portcullis.jar /app/portcullis.jar

# distroless: the C library, CA certificates, /etc/passwd with the user nonroot (65532), no shell.
FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /opt/java /opt/java
COPY --from=build /app /app
COPY --from=build --chown=65532:65532 /data /data
# The JDK 25 AOT cache (JEP 483/514/515), recorded here by a training run against the bundled mock, so that it
# matches this runtime and this jar. Exec form and two steps (record, then create): the image has no shell.
USER 0
RUN ["/opt/java/bin/java", "--enable-native-access=ALL-UNNAMED", "-Xms64m", "-Xmx384m", "-XX:+UseG1GC", \
     "-XX:AOTMode=record", "-XX:AOTConfiguration=/app/portcullis.aotconf", "-jar", "/app/portcullis.jar", \
     "aot-training"]
RUN ["/opt/java/bin/java", "--enable-native-access=ALL-UNNAMED", "-Xms64m", "-Xmx384m", "-XX:+UseG1GC", \
     "-XX:AOTMode=create", "-XX:AOTConfiguration=/app/portcullis.aotconf", "-XX:AOTCache=/app/portcullis.aot", \
     "-jar", "/app/portcullis.jar"]
USER 65532:65532
ENV JAVA_HOME=/opt/java \
    JDK_JAVA_OPTIONS="-Xms64m -Xmx384m -XX:+UseG1GC" \
    PORTCULLIS_DATA_DIR=/data \
    PORTCULLIS_HOST=0.0.0.0
WORKDIR /data
VOLUME /data
EXPOSE 8787
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/java/bin/java", "--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=/app/portcullis.aot", \
            "-Xlog:aot=off,cds=off", "-jar", "/app/portcullis.jar"]
CMD ["serve"]
