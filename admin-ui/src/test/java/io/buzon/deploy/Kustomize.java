package io.buzon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real {@code kubectl kustomize} and splits the output into objects.
 * Without kubectl the deployment tests must fail loudly, never pass by rendering nothing.
 */
public final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    public static List<JsonNode> render(Path kustomizationDir) {
        String kubectl = kubectl();
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl, "kustomize", kustomizationDir.toString())
                    .redirectError(stderr.toFile())
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + kustomizationDir + " did not finish in 60 s");
            }
            String errors = Files.readString(stderr);
            Files.delete(stderr);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomizationDir + " failed (exit "
                        + process.exitValue() + "):\n" + errors);
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static List<JsonNode> parse(String multiDocumentYaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(multiDocumentYaml)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode node = documents.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            }
        }
        return objects;
    }

    /** The kubectl binary on PATH; an explicit failure naming what to install when there is none. */
    static String kubectl() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File candidate = new File(dir, "kubectl");
                if (candidate.isFile() && candidate.canExecute()) {
                    return candidate.getAbsolutePath();
                }
            }
        }
        throw new AssertionError("kubectl is not on PATH: the deployment tests render deploy/ with "
                + "'kubectl kustomize' (kubectl >= 1.27 with built-in kustomize v5). Install kubectl on this machine.");
    }
}
