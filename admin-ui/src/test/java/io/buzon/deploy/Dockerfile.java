package io.buzon.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The instructions of deploy/Dockerfile, with continuation lines joined and comments dropped. */
public record Dockerfile(List<Instruction> instructions) {

    public record Instruction(String keyword, String arguments) {
        public List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }
    }

    public static Dockerfile load() {
        Path file = Repository.resolve("deploy/Dockerfile");
        try {
            List<Instruction> instructions = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                pending.append(trimmed);
                String full = pending.toString().trim();
                pending.setLength(0);
                int space = full.indexOf(' ');
                instructions.add(new Instruction(full.substring(0, space).toUpperCase(Locale.ROOT), full.substring(space + 1).trim()));
            }
            return new Dockerfile(instructions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** Instructions of the last stage: the image that runs. */
    public List<Instruction> runtimeStage() {
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }

    /** Source paths of the runtime stage's COPY instructions that copy from the build context. */
    public List<String> copiedFromContext() {
        return runtimeStage().stream().filter(i -> i.keyword().equals("COPY"))
                .filter(i -> !i.arguments().contains("--from="))
                .map(i -> {
                    List<String> words = i.words().stream().filter(w -> !w.startsWith("--")).toList();
                    return words.get(0);
                }).toList();
    }
}
