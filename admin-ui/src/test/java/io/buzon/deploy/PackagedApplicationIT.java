package io.buzon.deploy;

import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged fast-jar, started as {@code java -jar quarkus-run.jar} exactly as the image's ENTRYPOINT
 * does, against a real PostgreSQL: the files the Dockerfile copies exist and the probes answer.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(RandomListenerPorts.class)
class PackagedApplicationIT {

    @Test
    void everyPathTheDockerfileCopiesExistsAfterPackage() {
        for (String source : Dockerfile.load().copiedFromContext()) {
            Path path = Repository.resolve(source);
            assertTrue(source.endsWith("/") ? Files.isDirectory(path) : Files.isRegularFile(path),
                    source + " is missing after mvn package");
        }
        assertTrue(Files.isDirectory(Repository.resolve("admin-ui/target/quarkus-app/lib/main")));
        assertTrue(Files.isDirectory(Repository.resolve("admin-ui/target/quarkus-app/lib/boot")));
    }

    @Test
    void theProbesAndMetricsOfThePackagedApplicationAnswer() {
        given().when().get("/q/health/started").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_threads_live_threads"));
    }
}
