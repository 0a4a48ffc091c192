package io.buzon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** One rendered and strictly parsed kustomization, with the lookups the tests need. */
public record Overlay(String name, List<JsonNode> raw, List<HasMetadata> objects) {

    public static Overlay render(String name, Path dir) {
        List<JsonNode> raw = Kustomize.render(dir);
        return new Overlay(name, raw, StrictModel.parseAll(raw));
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(this.name + ": no " + type.getSimpleName() + " " + name));
    }

    public List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    public GenericKubernetesResource custom(String kind, String name) {
        return custom(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(this.name + ": no " + kind + " " + name));
    }

    /** Pod templates of every workload, by workload name. */
    public Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    /** The Buzón application Deployments (label app.kubernetes.io/name=buzon). */
    public List<Deployment> buzonDeployments() {
        return all(Deployment.class).stream()
                .filter(d -> "buzon".equals(d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name")))
                .toList();
    }

    public static Container buzonContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("buzon")).findFirst()
                .orElseThrow(() -> new NoSuchElementException(deployment.getMetadata().getName() + " has no container buzon"));
    }

    /** The environment a Buzón container really gets: the settings ConfigMap, then explicit env entries. */
    public Map<String, String> effectiveEnvironment(Deployment deployment) {
        Container container = buzonContainer(deployment);
        Map<String, String> env = new LinkedHashMap<>();
        container.getEnvFrom().forEach(source -> {
            if (source.getConfigMapRef() != null) {
                env.putAll(one(ConfigMap.class, source.getConfigMapRef().getName()).getData());
            }
        });
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "<from " + describe(var) + ">");
        }
        return env;
    }

    private static String describe(EnvVar var) {
        if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
            return "secret " + var.getValueFrom().getSecretKeyRef().getName() + "/" + var.getValueFrom().getSecretKeyRef().getKey();
        }
        return "reference";
    }

    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
