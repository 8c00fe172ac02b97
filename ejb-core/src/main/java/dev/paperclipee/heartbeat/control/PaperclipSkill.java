package dev.paperclipee.heartbeat.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The instructions a CLI agent gets on how to work with Paperclip (api-contract "How a real agent
 * runs a heartbeat"): a bundled markdown skill, written into the run's work directory as
 * {@code skills/paperclip/SKILL.md}, plus {@code paperclip-instructions.md} next to it: the skill
 * followed by the agent's own instructions file ({@code instructionsFilePath}), which is what a
 * CLI is given as its extra system prompt.
 */
public final class PaperclipSkill {

    static final String RESOURCE = "paperclip-skill.md";
    /** Largest agent instructions file read into the prompt. */
    static final long MAX_INSTRUCTIONS_BYTES = 1024 * 1024;

    /**
     * Where the skill was written.
     *
     * @param skills       the directory holding the skill bundle (given to claude as {@code --add-dir})
     * @param skill        the skill file itself
     * @param instructions the combined instructions file
     * @param text         the combined instructions
     */
    record Delivered(Path skills, Path skill, Path instructions, String text) {
    }

    private static final String TEXT = load();

    private PaperclipSkill() {
    }

    private static String load() {
        try (InputStream in = PaperclipSkill.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The skill's name, as agents and the skills index know it. */
    public static final String NAME = "paperclip";

    /** The bundled skill (markdown with front matter {@code name}, {@code description}). */
    public static String text() {
        return TEXT;
    }

    /**
     * Writes the skill and the combined instructions into {@code workDirectory}.
     *
     * @param agentInstructions the agent's own instructions file, or null
     * @throws AdapterException {@code adapter_config_invalid} when the instructions file cannot be
     *                          read; {@code spawn_failed} when the work directory cannot be written
     */
    static Delivered deliver(Path workDirectory, Path agentInstructions) throws AdapterException {
        String own = null;
        if (agentInstructions != null) {
            try {
                if (Files.size(agentInstructions) > MAX_INSTRUCTIONS_BYTES) {
                    throw new AdapterException("adapter_config_invalid",
                            "instructionsFilePath is larger than " + MAX_INSTRUCTIONS_BYTES + " bytes");
                }
                own = Files.readString(agentInstructions, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AdapterException("adapter_config_invalid",
                        "instructionsFilePath cannot be read: " + agentInstructions, e);
            }
        }
        String text = own == null ? TEXT : TEXT + "\n\n# Your own instructions\n\n" + own;
        if (workDirectory == null) {
            throw new AdapterException("spawn_failed", "The run has no work directory for the Paperclip skill");
        }
        Path skills = workDirectory.resolve("skills");
        Path skill = skills.resolve("paperclip").resolve("SKILL.md");
        Path instructions = workDirectory.resolve("paperclip-instructions.md");
        try {
            Files.createDirectories(skill.getParent());
            Files.writeString(skill, TEXT, StandardCharsets.UTF_8);
            Files.writeString(instructions, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AdapterException("spawn_failed", "Cannot write the Paperclip skill into the work directory", e);
        }
        return new Delivered(skills, skill, instructions, text);
    }
}
