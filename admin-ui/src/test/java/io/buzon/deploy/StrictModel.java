package io.buzon.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Parses rendered manifests into fabric8's Kubernetes model, strictly: an unknown apiVersion/kind fails,
 * a wrong type fails (no "3" for 3), and a field the schema does not have fails. fabric8 keeps unknown
 * fields in each object's additionalProperties instead of rejecting them, so after parsing the whole
 * object tree is walked and every non-empty additionalProperties is reported with its path.
 * Custom resources (CloudNativePG, cert-manager, Prometheus Operator) have no schema here: they are
 * accepted only from an explicit list and checked field by field by the tests.
 */
public final class StrictModel {

    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class));

    private static final List<String> CUSTOM = List.of(
            "cert-manager.io/v1/Certificate",
            "cert-manager.io/v1/Issuer",
            "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/ScheduledBackup",
            "monitoring.coreos.com/v1/ServiceMonitor");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private StrictModel() {
    }

    /** One parsed object; throws with every problem found when the object does not fit the schema. */
    public static HasMetadata parse(JsonNode node) {
        String type = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        Class<? extends HasMetadata> typed = TYPED.get(type);
        try {
            if (typed == null) {
                if (!CUSTOM.contains(type)) {
                    throw new AssertionError("unexpected apiVersion/kind " + type + " (name "
                            + node.path("metadata").path("name").asText() + ")");
                }
                return MAPPER.treeToValue(node, GenericKubernetesResource.class);
            }
            HasMetadata object = MAPPER.treeToValue(node, typed);
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(object, "", unknown);
            if (!unknown.isEmpty()) {
                throw new AssertionError(type + " " + object.getMetadata().getName()
                        + " has fields the Kubernetes schema does not know: " + unknown);
            }
            return object;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(type + " " + node.path("metadata").path("name").asText()
                    + " does not fit the schema: " + e.getOriginalMessage(), e);
        }
    }

    public static List<HasMetadata> parseAll(List<JsonNode> nodes) {
        return nodes.stream().map(StrictModel::parse).toList();
    }

    static void collectUnknownFields(Object value, String path, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, out));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get") || name.length() == 3) {
                continue;
            }
            Object child = invoke(getter, value);
            if (name.equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add((path.isEmpty() ? "" : path + ".") + extra.keySet());
                }
                continue;
            }
            String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
            collectUnknownFields(child, path.isEmpty() ? property : path + "." + property, out);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
