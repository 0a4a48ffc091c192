package io.buzon.ops;

import io.buzon.deploy.Overlay;
import io.buzon.deploy.Repository;
import io.buzon.store.testing.PostgresTestResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The endpoints Kubernetes and Prometheus use, served by the real application on a real PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class OpsEndpointsTest {

    @Test
    void readinessReportsTheDatabaseUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
    }

    @Test
    void livenessReportsNoDeadlockedThreads() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("threads"))
                .body("checks.find { it.name == 'threads' }.status", equalTo("UP"));
    }

    @Test
    void liveness_doesNotDependOnTheDatabase() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.not(hasItem("database")));
    }

    @Test
    void prometheusMetricsAreServed() {
        // The classic text format, for scrapers that ask for it; Prometheus itself negotiates OpenMetrics.
        Response response = given().accept("text/plain").when().get("/q/metrics");
        response.then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("agroal_active_count"))
                .body(containsString("process_uptime_seconds"));
        // Without a preference the registry answers OpenMetrics, which ends with an EOF marker.
        given().accept("*/*").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(startsWith("application/openmetrics-text"))
                .body(containsString("# EOF"));
    }

    /** Every probe path and scrape path in every rendered overlay answers 200 on this application. */
    @Test
    void everyHttpPathInTheManifestsIsServed() {
        Set<String> paths = new TreeSet<>();
        Stream.of("dev", "production").forEach(name -> {
            Overlay overlay = Overlay.render(name, Repository.resolve("deploy/overlays/" + name));
            overlay.buzonDeployments().forEach(d -> {
                Container c = Overlay.buzonContainer(d);
                Stream.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe())
                        .filter(Objects::nonNull).map(Probe::getHttpGet).filter(Objects::nonNull)
                        .forEach(get -> paths.add(get.getPath()));
                paths.add(d.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
            });
            overlay.custom("ServiceMonitor").forEach(m -> {
                List<java.util.Map<String, Object>> endpoints = m.get("spec", "endpoints");
                endpoints.forEach(e -> paths.add((String) e.get("path")));
            });
        });
        assertEquals(Set.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"), paths);
        for (String path : paths) {
            given().when().get(path).then().statusCode(200);
        }
    }

    @Test
    void logsArePlainTextByDefault() {
        // People read a terminal; the manifests switch JSON on (PackagedApplicationJsonLogsIT checks the output).
        assertEquals(false, org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.log.console.json.enabled", Boolean.class));
    }
}
