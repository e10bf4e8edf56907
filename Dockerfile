# Builds the service from source and runs it on a JRE. docker compose up -d uses this.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/bootstrap/target/atelier.jar /app/atelier.jar
EXPOSE 8080
# The service stops its consumers and relay cleanly on SIGTERM within SHUTDOWN_TIMEOUT.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=75", "-jar", "/app/atelier.jar"]
