package io.buzon.deploy;

import io.fabric8.kubernetes.api.model.ContainerPort;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No image can be built here (no container daemon), so the Dockerfile is checked against what it must
 * agree with: the Quarkus fast-jar layout, the ports the manifests use, the uid the pods run as.
 * {@link PackagedApplicationIT} checks the copied paths exist after {@code mvn package}.
 */
class DockerfileTest {

    /** Quarkus' fast-jar, least to most often changed, so code changes rebuild only the last layers. */
    static final List<String> FAST_JAR_LAYERS = List.of(
            "admin-ui/target/quarkus-app/lib/",
            "admin-ui/target/quarkus-app/quarkus-run.jar",
            "admin-ui/target/quarkus-app/app/",
            "admin-ui/target/quarkus-app/quarkus/");

    private final Dockerfile dockerfile = Dockerfile.load();

    @Test
    void runsOnATemurinJre() {
        String base = dockerfile.runtimeStage().get(0).arguments();
        assertTrue(base.matches("eclipse-temurin:(17|21)-jre"), base);
    }

    @Test
    void runsAsTheNonRootUidThePodsDeclare() {
        List<Dockerfile.Instruction> users = dockerfile.runtimeStage().stream().filter(i -> i.keyword().equals("USER")).toList();
        assertEquals(1, users.size());
        assertEquals("10001:10001", users.get(0).arguments(), "numeric, so runAsNonRoot can verify it");
        Overlay production = Overlay.render("production", Repository.resolve("deploy/overlays/production"));
        production.buzonDeployments().forEach(d -> {
            assertEquals(10001L, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser());
            assertEquals(10001L, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsGroup());
        });
        // USER comes after every RUN: nothing runs as root once the user is set, and nothing after it needs root.
        List<Dockerfile.Instruction> stage = dockerfile.runtimeStage();
        int user = stage.indexOf(users.get(0));
        assertTrue(stage.subList(user, stage.size()).stream().noneMatch(i -> i.keyword().equals("RUN")));
    }

    @Test
    void exposesExactlyThePortsTheManifestsUse() {
        Set<Integer> exposed = dockerfile.all("EXPOSE").stream().flatMap(i -> i.words().stream())
                .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
        Overlay production = Overlay.render("production", Repository.resolve("deploy/overlays/production"));
        Set<Integer> used = production.buzonDeployments().stream()
                .flatMap(d -> Overlay.buzonContainer(d).getPorts().stream())
                .map(ContainerPort::getContainerPort).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(1110, 1995, 2424, 8080), exposed);
        assertEquals(used, exposed);
        ConfigurationReference reference = ConfigurationReference.load();
        for (String key : List.of("buzon.pop3.port", "buzon.pop3s.port", "buzon.lmtp.port", "quarkus.http.port")) {
            assertTrue(exposed.contains(Integer.valueOf(reference.defaultOf(key))), key);
        }
    }

    @Test
    void copiesTheFastJarLayersInCacheFriendlyOrder() {
        assertEquals(FAST_JAR_LAYERS, dockerfile.copiedFromContext());
        String entrypoint = dockerfile.runtimeStage().stream().filter(i -> i.keyword().equals("ENTRYPOINT"))
                .findFirst().orElseThrow().arguments();
        assertEquals("[\"java\", \"-jar\", \"/opt/buzon/quarkus-run.jar\"]", entrypoint);
    }

    @Test
    void theBuildContextIgnoreFileLetsThroughOnlyTheApplication() throws IOException {
        List<String> lines = Files.readAllLines(Repository.resolve("deploy/Dockerfile.dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(List.of("*", "!admin-ui/target/quarkus-app/"), lines);
        for (String source : dockerfile.copiedFromContext()) {
            assertTrue(source.startsWith("admin-ui/target/quarkus-app/"), source);
        }
    }
}
