# syntax=docker/dockerfile:1
# The Lanyard image the Helm chart (charts/lanyard) runs:
#   docker build -t <registry>/lanyard:0.1.0 .
# Stage 1 builds the runnable jar (app/target/lanyard.jar, the shade plugin's outputFile in app/pom.xml);
# stage 2 is a JRE 21 with nothing else of the build.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds; tests run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl app -am package \
 && test -s app/target/lanyard.jar

FROM eclipse-temurin:21-jre-noble
# Non-root, numeric so that Kubernetes' runAsNonRoot can verify it; the chart runs as the same uid/gid.
RUN groupadd --system --gid 65532 lanyard \
 && useradd --system --uid 65532 --gid 65532 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin lanyard
COPY --from=build --chown=0:0 --chmod=0444 /src/app/target/lanyard.jar /app/lanyard.jar
USER 65532:65532
# The chart mounts an emptyDir here; the root filesystem is read-only, and a JVM crash file lands in the working dir.
WORKDIR /tmp
# DNS (unprivileged; Services map 53 to it) and HTTP (/healthz, /readyz, /metrics, status page).
EXPOSE 5353/udp 5353/tcp 8080/tcp
ENTRYPOINT ["java", "-jar", "/app/lanyard.jar"]
CMD ["serve", "--config", "/etc/lanyard/lanyard.yaml"]
