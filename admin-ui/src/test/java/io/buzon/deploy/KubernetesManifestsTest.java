package io.buzon.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders every overlay with kubectl kustomize, parses every object strictly (fabric8 model, unknown
 * fields rejected) and checks that the manifests agree with each other and with the application.
 */
class KubernetesManifestsTest {

    private static Overlay dev;
    private static Overlay production;
    private static Overlay productionWithProxyProtocol;
    private static ConfigurationReference configuration;

    @BeforeAll
    static void render() throws IOException {
        dev = Overlay.render("dev", Repository.resolve("deploy/overlays/dev"));
        production = Overlay.render("production", Repository.resolve("deploy/overlays/production"));
        productionWithProxyProtocol = Overlay.render("production+proxy-protocol", proxyProtocolOverlay());
        configuration = ConfigurationReference.load();
    }

    /** The component is meant to be added to an overlay: render it the way an operator would. */
    private static Path proxyProtocolOverlay() throws IOException {
        Path dir = Repository.resolve("admin-ui/target/kustomize-proxy-protocol");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../../deploy/overlays/production
                components:
                  - ../../../deploy/components/proxy-protocol
                """);
        return dir;
    }

    private static Stream<Overlay> overlays() {
        return Stream.of(dev, production, productionWithProxyProtocol);
    }

    @Test
    void everyOverlayRendersObjectsOfTheExpectedKinds() {
        assertEquals(Set.of("ConfigMap", "Secret", "Service", "ServiceAccount", "Deployment", "StatefulSet",
                        "Ingress", "NetworkPolicy", "Certificate", "Issuer"),
                kinds(dev));
        assertEquals(Set.of("ConfigMap", "Service", "ServiceAccount", "Deployment", "Ingress", "NetworkPolicy",
                        "PodDisruptionBudget", "HorizontalPodAutoscaler", "Certificate", "Cluster",
                        "ScheduledBackup", "ServiceMonitor"),
                kinds(production));
        overlays().forEach(o -> o.objects().forEach(object -> assertNotNull(object.getMetadata().getNamespace(),
                o.name() + ": " + object.getKind() + " " + object.getMetadata().getName() + " has no namespace")));
    }

    @Test
    void strictParsingRejectsAMisspelledField() throws IOException {
        var typo = Kustomize.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replica: 3
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          imagePullPolcy: Always
                """).get(0);
        AssertionError error = expectFailure(() -> StrictModel.parse(typo));
        assertTrue(error.getMessage().contains("spec.[replica]"), error.getMessage());
        assertTrue(error.getMessage().contains("spec.template.spec.containers[0].[imagePullPolcy]"), error.getMessage());

        var wrongType = Kustomize.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: wrong-type}
                spec: {replicas: "three"}
                """).get(0);
        assertTrue(expectFailure(() -> StrictModel.parse(wrongType)).getMessage().contains("does not fit the schema"));

        var unknownKind = Kustomize.parse("apiVersion: v1\nkind: Pood\nmetadata: {name: x}\n").get(0);
        assertTrue(expectFailure(() -> StrictModel.parse(unknownKind)).getMessage().contains("unexpected apiVersion/kind v1/Pood"));
    }

    @Test
    void devRunsOneReplicaOfEverythingAndPostgresqlWithAVolumeClaim() {
        dev.all(Deployment.class).forEach(d -> assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName()));
        StatefulSet postgres = dev.one(StatefulSet.class, "buzon-db");
        assertEquals(1, postgres.getSpec().getReplicas());
        assertEquals("buzon-db-rw", postgres.getSpec().getServiceName());
        assertEquals(1, postgres.getSpec().getVolumeClaimTemplates().size());
        assertEquals("data", postgres.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
        assertEquals(List.of("ReadWriteOnce"), postgres.getSpec().getVolumeClaimTemplates().get(0).getSpec().getAccessModes());
        assertTrue(dev.all(HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(dev.all(PodDisruptionBudget.class).isEmpty());

        // The generated development Secret has the keys CloudNativePG's app Secret has.
        Secret credentials = dev.one(Secret.class, "buzon-db-app");
        assertEquals(Set.of("username", "password", "jdbc-uri"), credentials.getData().keySet());
        String jdbcUri = new String(java.util.Base64.getDecoder().decode(credentials.getData().get("jdbc-uri")));
        assertEquals("jdbc:postgresql://buzon-db-rw:5432/buzon", jdbcUri);
        Service db = dev.one(Service.class, "buzon-db-rw");
        assertTrue(Overlay.selects(db.getSpec().getSelector(), postgres.getSpec().getTemplate().getMetadata().getLabels()));
        assertEquals(5432, db.getSpec().getPorts().get(0).getPort());
    }

    @Test
    void productionRunsACloudNativePgClusterOfThreeAndScaledOutMailPods() {
        GenericKubernetesResource cluster = production.custom("Cluster", "buzon-db");
        assertEquals(3, cluster.<Integer>get("spec", "instances"));
        assertEquals("buzon", cluster.<String>get("spec", "bootstrap", "initdb", "database"));
        assertEquals("buzon", cluster.<String>get("spec", "bootstrap", "initdb", "owner"));
        assertEquals(true, cluster.<Boolean>get("spec", "affinity", "enablePodAntiAffinity"));
        assertEquals(true, cluster.<Boolean>get("spec", "monitoring", "enablePodMonitor"));
        assertNotNull(cluster.get("spec", "storage", "size"));
        GenericKubernetesResource backup = production.custom("ScheduledBackup", "buzon-db-daily");
        assertEquals("buzon-db", backup.<String>get("spec", "cluster", "name"));
        assertEquals(6, backup.<String>get("spec", "schedule").split(" ").length, "CloudNativePG schedules have a seconds field");

        // The Deployments read the Secret CloudNativePG generates for the owner: <cluster>-app.
        for (Deployment deployment : production.buzonDeployments()) {
            Map<String, String> env = production.effectiveEnvironment(deployment);
            assertEquals("<from secret buzon-db-app/jdbc-uri>", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("<from secret buzon-db-app/username>", env.get("QUARKUS_DATASOURCE_USERNAME"));
            assertEquals("<from secret buzon-db-app/password>", env.get("QUARKUS_DATASOURCE_PASSWORD"));
        }

        Deployment mail = production.one(Deployment.class, "buzon-mail");
        Deployment console = production.one(Deployment.class, "buzon-console");
        assertTrue(mail.getSpec().getReplicas() >= 3);
        assertEquals(2, console.getSpec().getReplicas());
        assertEquals(Overlay.buzonContainer(mail).getImage(), Overlay.buzonContainer(console).getImage(), "one image, two roles");
        assertEquals("registry.example.com/buzon/buzon:0.1.0-SNAPSHOT", Overlay.buzonContainer(mail).getImage());

        HorizontalPodAutoscaler hpa = production.one(HorizontalPodAutoscaler.class, "buzon-mail");
        assertEquals("buzon-mail", hpa.getSpec().getScaleTargetRef().getName());
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(3, hpa.getSpec().getMinReplicas());
        assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());

        PodDisruptionBudget pdb = production.one(PodDisruptionBudget.class, "buzon-mail");
        assertEquals(2, pdb.getSpec().getMinAvailable().getIntVal());
        assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < hpa.getSpec().getMinReplicas(),
                "a budget equal to the replica count would block every node drain");
    }

    @Test
    void rolesAreChosenByEnvironmentVariables() {
        overlays().forEach(o -> {
            assertEquals(Map.of("BUZON_POP3_ENABLED", "true", "BUZON_POP3S_ENABLED", "true",
                            "BUZON_LMTP_ENABLED", "true", "BUZON_CONSOLE_ENABLED", "false"),
                    roles(o, "buzon-mail"), o.name());
            assertEquals(Map.of("BUZON_POP3_ENABLED", "false", "BUZON_POP3S_ENABLED", "false",
                            "BUZON_LMTP_ENABLED", "false", "BUZON_CONSOLE_ENABLED", "true"),
                    roles(o, "buzon-console"), o.name());
        });
    }

    private static Map<String, String> roles(Overlay overlay, String deployment) {
        return overlay.effectiveEnvironment(overlay.one(Deployment.class, deployment)).entrySet().stream()
                .filter(e -> e.getKey().startsWith("BUZON_") && e.getKey().endsWith("_ENABLED") && !e.getKey().startsWith("BUZON_PROXY"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void containerPortsAreThoseTheApplicationListensOn() throws IOException {
        String httpPort = applicationProperty("quarkus.http.port");
        overlays().forEach(o -> o.buzonDeployments().forEach(d -> {
            Map<String, String> env = o.effectiveEnvironment(d);
            Map<String, Integer> ports = Overlay.buzonContainer(d).getPorts().stream()
                    .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
            String where = o.name() + " " + d.getMetadata().getName();
            assertEquals(Integer.valueOf(env.getOrDefault("QUARKUS_HTTP_PORT", httpPort)), ports.get("http"), where);
            assertEquals(Integer.valueOf(httpPort), ports.get("http"), where + ": same as application.properties");
            for (String listener : List.of("pop3", "pop3s", "lmtp")) {
                String key = "buzon." + listener + ".port";
                String envVar = ConfigurationReference.envVarOf(key);
                if ("true".equals(env.get(ConfigurationReference.envVarOf("buzon." + listener + ".enabled")))) {
                    int expected = Integer.parseInt(env.getOrDefault(envVar, configuration.defaultOf(key)));
                    assertEquals(expected, ports.get(listener), where + " " + listener);
                    assertEquals(Integer.parseInt(configuration.defaultOf(key)), ports.get(listener),
                            where + ": " + listener + " on its documented default port");
                } else {
                    assertFalse(ports.containsKey(listener), where + " must not expose " + listener);
                }
            }
        }));
    }

    @Test
    void servicesMapStandardPortsToNamedContainerPortsOfSelectedPods() {
        overlays().forEach(o -> {
            Service pop3 = o.one(Service.class, "buzon-pop3");
            assertEquals("LoadBalancer", pop3.getSpec().getType());
            assertEquals(Map.of(110, "pop3", 995, "pop3s"), portMap(pop3));
            Service lmtp = o.one(Service.class, "buzon-lmtp");
            assertEquals("ClusterIP", lmtp.getSpec().getType());
            assertEquals(Map.of(2424, "lmtp"), portMap(lmtp));
            assertEquals("ClusterIP", o.one(Service.class, "buzon-console").getSpec().getType());

            for (Service service : o.all(Service.class)) {
                List<PodTemplateSpec> selected = o.podTemplates().values().stream()
                        .filter(t -> Overlay.selects(service.getSpec().getSelector(), t.getMetadata().getLabels()))
                        .toList();
                assertFalse(selected.isEmpty(), o.name() + ": Service " + service.getMetadata().getName() + " selects no pods");
                for (ServicePort port : service.getSpec().getPorts()) {
                    for (PodTemplateSpec template : selected) {
                        Set<String> names = template.getSpec().getContainers().stream()
                                .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getName).collect(Collectors.toSet());
                        assertTrue(names.contains(port.getTargetPort().getStrVal()), o.name() + ": Service "
                                + service.getMetadata().getName() + " targets port " + port.getTargetPort() + " missing in " + names);
                    }
                }
            }
        });
        assertEquals("Local", production.one(Service.class, "buzon-pop3").getSpec().getExternalTrafficPolicy());
    }

    @Test
    void proxyProtocolIsOffByDefaultAndSwitchedOnByTheComponent() {
        Map<String, String> off = production.effectiveEnvironment(production.one(Deployment.class, "buzon-mail"));
        assertEquals("false", off.get("BUZON_PROXY_PROTOCOL_ENABLED"));
        Map<String, String> on = productionWithProxyProtocol.effectiveEnvironment(
                productionWithProxyProtocol.one(Deployment.class, "buzon-mail"));
        assertEquals("true", on.get("BUZON_PROXY_PROTOCOL_ENABLED"));
        assertEquals("10.0.0.0/8", on.get("BUZON_PROXY_PROTOCOL_TRUSTED_NETWORKS"));
        Service pop3 = productionWithProxyProtocol.one(Service.class, "buzon-pop3");
        assertEquals("Cluster", pop3.getSpec().getExternalTrafficPolicy());
        assertEquals("*", pop3.getMetadata().getAnnotations().get("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol"));
    }

    @Test
    void everySelectorMatchesAWorkload() {
        overlays().forEach(o -> {
            Map<String, PodTemplateSpec> templates = o.podTemplates();
            for (Deployment d : o.all(Deployment.class)) {
                assertTrue(Overlay.selects(d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels()));
            }
            for (PodDisruptionBudget pdb : o.all(PodDisruptionBudget.class)) {
                assertTrue(templates.values().stream().anyMatch(t -> Overlay.selects(pdb.getSpec().getSelector().getMatchLabels(),
                        t.getMetadata().getLabels())), o.name() + ": PDB " + pdb.getMetadata().getName() + " selects nothing");
            }
            for (HorizontalPodAutoscaler hpa : o.all(HorizontalPodAutoscaler.class)) {
                o.one(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            }
            for (NetworkPolicy policy : o.all(NetworkPolicy.class)) {
                Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
                boolean cnpg = selector.containsKey("cnpg.io/cluster");
                assertTrue(cnpg || templates.values().stream().anyMatch(t -> Overlay.selects(selector, t.getMetadata().getLabels())),
                        o.name() + ": NetworkPolicy " + policy.getMetadata().getName() + " selects nothing");
                if (cnpg) {
                    o.custom("Cluster", selector.get("cnpg.io/cluster"));
                }
            }
        });
    }

    @Test
    void networkPoliciesAdmitOnlyTheDocumentedPeers() {
        overlays().forEach(o -> {
            NetworkPolicy mail = o.one(NetworkPolicy.class, "buzon-mail");
            assertEquals(List.of("Ingress"), mail.getSpec().getPolicyTypes());
            NetworkPolicyIngressRule lmtpRule = ruleFor(mail, "lmtp");
            assertEquals(1, lmtpRule.getFrom().size());
            assertEquals(Map.of("app", "postfix"), lmtpRule.getFrom().get(0).getPodSelector().getMatchLabels());
            assertTrue(ruleFor(mail, "pop3").getFrom().isEmpty(), "POP3 is public");
            assertEquals(List.of("monitoring"), namespaces(ruleFor(mail, "http")));

            NetworkPolicy console = o.one(NetworkPolicy.class, "buzon-console");
            assertEquals(List.of("ingress-nginx", "monitoring"), namespaces(ruleFor(console, "http")));

            NetworkPolicy db = o.one(NetworkPolicy.class, "buzon-db");
            NetworkPolicyIngressRule postgres = db.getSpec().getIngress().stream()
                    .filter(r -> r.getPorts().stream().anyMatch(p -> "postgres".equals(p.getPort().getStrVal())
                            || Integer.valueOf(5432).equals(p.getPort().getIntVal())))
                    .findFirst().orElseThrow();
            for (NetworkPolicyPeer peer : postgres.getFrom()) {
                assertEquals(null, peer.getNamespaceSelector(), "PostgreSQL only from pods of this namespace");
                Map<String, String> labels = peer.getPodSelector().getMatchLabels();
                assertTrue(labels.equals(Map.of("app.kubernetes.io/name", "buzon"))
                        || labels.equals(Map.of("cnpg.io/cluster", "buzon-db")), o.name() + ": unexpected peer " + labels);
            }
            // The database pods themselves do not carry the Buzón application label.
            o.podTemplates().forEach((name, t) -> {
                if (!o.buzonDeployments().stream().map(d -> d.getMetadata().getName()).toList().contains(name)) {
                    assertFalse("buzon".equals(t.getMetadata().getLabels().get("app.kubernetes.io/name")), name);
                }
            });
        });
    }

    @Test
    void egressIsLimitedToDnsAndTheDatabase() {
        overlays().forEach(o -> {
            NetworkPolicy egress = o.one(NetworkPolicy.class, "buzon-egress");
            assertEquals(List.of("Egress"), egress.getSpec().getPolicyTypes());
            for (Deployment d : o.buzonDeployments()) {
                assertTrue(Overlay.selects(egress.getSpec().getPodSelector().getMatchLabels(),
                        d.getSpec().getTemplate().getMetadata().getLabels()), o.name() + ": egress policy misses " + d.getMetadata().getName());
            }
            assertEquals(2, egress.getSpec().getEgress().size());
            NetworkPolicyEgressRule dns = egress.getSpec().getEgress().get(0);
            assertEquals(List.of("UDP:53", "TCP:53"), dns.getPorts().stream().map(p -> p.getProtocol() + ":" + p.getPort().getIntVal()).toList());
            assertEquals(Map.of("kubernetes.io/metadata.name", "kube-system"), dns.getTo().get(0).getNamespaceSelector().getMatchLabels());
            assertEquals(Map.of("k8s-app", "kube-dns"), dns.getTo().get(0).getPodSelector().getMatchLabels());
            NetworkPolicyEgressRule database = egress.getSpec().getEgress().get(1);
            assertEquals(List.of("TCP:5432"), database.getPorts().stream().map(p -> p.getProtocol() + ":" + p.getPort().getIntVal()).toList());
            assertEquals(1, database.getTo().size());
            assertEquals(null, database.getTo().get(0).getNamespaceSelector(), "PostgreSQL only in this namespace");
            assertTrue(database.getTo().get(0).getPodSelector().getMatchLabels() == null
                    || database.getTo().get(0).getPodSelector().getMatchLabels().isEmpty());
        });
    }

    private static NetworkPolicyIngressRule ruleFor(NetworkPolicy policy, String portName) {
        return policy.getSpec().getIngress().stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> portName.equals(p.getPort().getStrVal())))
                .findFirst().orElseThrow(() -> new AssertionError(policy.getMetadata().getName() + " has no rule for " + portName));
    }

    private static List<String> namespaces(NetworkPolicyIngressRule rule) {
        return rule.getFrom().stream()
                .map(p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")).toList();
    }

    @Test
    void podsRunLockedDown() {
        overlays().forEach(o -> o.podTemplates().forEach((name, template) -> {
            String where = o.name() + " " + name;
            PodSpec pod = template.getSpec();
            assertEquals(true, pod.getSecurityContext().getRunAsNonRoot(), where);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, where);
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), where);
            assertEquals(false, pod.getAutomountServiceAccountToken(), where);
            for (Container c : pod.getContainers()) {
                assertEquals(true, c.getSecurityContext().getReadOnlyRootFilesystem(), where);
                assertEquals(false, c.getSecurityContext().getAllowPrivilegeEscalation(), where);
                assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), where);
                assertTrue(c.getSecurityContext().getCapabilities().getAdd().isEmpty(), where);
                assertNotNull(c.getResources().getRequests().get("cpu"), where);
                assertNotNull(c.getResources().getRequests().get("memory"), where);
                assertNotNull(c.getResources().getLimits().get("memory"), where);
                String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(where + ": no writable /tmp")).getName();
                assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst()
                        .orElseThrow().getEmptyDir(), where + ": /tmp is an emptyDir");
            }
        }));
        overlays().forEach(o -> o.buzonDeployments().forEach(d ->
                assertEquals(10001L, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser(),
                        "the image's uid (deploy/Dockerfile)")));
    }

    @Test
    void probesUseTheQuarkusHealthEndpointsOnTheHttpPort() {
        overlays().forEach(o -> o.buzonDeployments().forEach(d -> {
            Container c = Overlay.buzonContainer(d);
            assertEquals("/q/health/ready", httpGet(c.getReadinessProbe()).getPath());
            assertEquals("/q/health/live", httpGet(c.getLivenessProbe()).getPath());
            assertEquals("/q/health/started", httpGet(c.getStartupProbe()).getPath());
            for (Probe probe : List.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe())) {
                assertEquals("http", httpGet(probe).getPort().getStrVal());
            }
            // The readiness check gives up on the database before the kubelet gives up on the probe.
            Duration databaseTimeout = parseQuarkusDuration(configuration.defaultOf("buzon.ops.health.database-timeout"));
            assertTrue(databaseTimeout.toSeconds() < c.getReadinessProbe().getTimeoutSeconds(),
                    "buzon.ops.health.database-timeout must be shorter than the readiness probe timeout");
            Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
            assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port",
                    String.valueOf(port(c, "http")), "prometheus.io/path", "/q/metrics"), annotations);
        }));
    }

    @Test
    void terminationGraceCoversPreStopAndTheServersDrainTime() {
        overlays().forEach(o -> o.buzonDeployments().forEach(d -> {
            Map<String, String> env = o.effectiveEnvironment(d);
            Duration drain = parseQuarkusDuration(env.getOrDefault("BUZON_POP3_SHUTDOWN_GRACE_PERIOD",
                    configuration.defaultOf("buzon.pop3.shutdown-grace-period")));
            Container c = Overlay.buzonContainer(d);
            long preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
            long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertTrue(grace >= preStop + drain.toSeconds() + 1,
                    o.name() + " " + d.getMetadata().getName() + ": terminationGracePeriodSeconds " + grace
                            + " < preStop " + preStop + " s + drain " + drain.toSeconds() + " s + margin");
        }));
    }

    @Test
    void tlsComesFromCertManagerAndIsMountedAsFiles() {
        overlays().forEach(o -> {
            GenericKubernetesResource mailCert = o.custom("Certificate", "buzon-mail");
            GenericKubernetesResource consoleCert = o.custom("Certificate", "buzon-console");
            Deployment mail = o.one(Deployment.class, "buzon-mail");
            Map<String, String> env = o.effectiveEnvironment(mail);
            Container c = Overlay.buzonContainer(mail);
            String tlsVolume = mail.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getSecret() != null && v.getSecret().getSecretName().equals(mailCert.get("spec", "secretName")))
                    .findFirst().orElseThrow(() -> new AssertionError("mail pods do not mount the Certificate's Secret")).getName();
            var mount = c.getVolumeMounts().stream().filter(m -> m.getName().equals(tlsVolume)).findFirst().orElseThrow();
            assertEquals(null, mount.getSubPath(), "a subPath mount never sees a renewed certificate");
            assertEquals(mount.getMountPath() + "/tls.crt", env.get("BUZON_TLS_CERT_FILE"));
            assertEquals(mount.getMountPath() + "/tls.key", env.get("BUZON_TLS_KEY_FILE"));
            assertEquals("PKCS8", mailCert.get("spec", "privateKey", "encoding"));

            Ingress ingress = o.one(Ingress.class, "buzon-console");
            assertEquals(consoleCert.<String>get("spec", "secretName"), ingress.getSpec().getTls().get(0).getSecretName());
            assertEquals(consoleCert.<List<String>>get("spec", "dnsNames"), ingress.getSpec().getTls().get(0).getHosts());
            assertEquals(ingress.getSpec().getRules().get(0).getHost(), ingress.getSpec().getTls().get(0).getHosts().get(0));
            assertEquals("buzon-console", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName());
            for (GenericKubernetesResource cert : List.of(mailCert, consoleCert)) {
                String issuerKind = cert.get("spec", "issuerRef", "kind");
                String issuerName = cert.get("spec", "issuerRef", "name");
                if (issuerKind.equals("Issuer")) {
                    o.custom("Issuer", issuerName);
                } else {
                    assertEquals("ClusterIssuer", issuerKind);
                }
            }
        });
        assertEquals("letsencrypt-dns", production.custom("Certificate", "buzon-mail").get("spec", "issuerRef", "name"));
    }

    @Test
    void serviceMonitorScrapesMetricsOfBothRoles() {
        GenericKubernetesResource monitor = production.custom("ServiceMonitor", "buzon");
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertEquals(1, endpoints.size());
        assertEquals("http", endpoints.get(0).get("port"));
        assertEquals("/q/metrics", endpoints.get(0).get("path"));
        Set<String> scraped = production.all(Service.class).stream()
                .filter(s -> Overlay.selects(selector, s.getMetadata().getLabels()))
                .peek(s -> assertTrue(s.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals("http"))))
                .map(s -> s.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("buzon-console", "buzon-mail-http"), scraped);
    }

    static Duration parseQuarkusDuration(String value) {
        String v = value.trim();
        if (v.startsWith("P") || v.startsWith("p")) {
            return Duration.parse(v);
        }
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.matches("(?i)\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        return Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
    }

    private static HTTPGetAction httpGet(Probe probe) {
        assertNotNull(probe);
        assertNotNull(probe.getHttpGet());
        return probe.getHttpGet();
    }

    private static int port(Container c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getContainerPort();
    }

    private static Map<Integer, String> portMap(Service service) {
        return service.getSpec().getPorts().stream()
                .collect(Collectors.toMap(ServicePort::getPort, p -> p.getTargetPort().getStrVal()));
    }

    private static Set<String> kinds(Overlay overlay) {
        return overlay.objects().stream().map(o -> o.getKind()).collect(Collectors.toSet());
    }

    static String applicationProperty(String key) throws IOException {
        var properties = new java.util.Properties();
        try (var in = Files.newInputStream(Repository.resolve("admin-ui/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            fail("admin-ui application.properties does not set " + key);
        }
        return value;
    }

    private static AssertionError expectFailure(Runnable action) {
        try {
            action.run();
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("expected the strict parser to reject the object");
    }
}
