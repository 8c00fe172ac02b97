package dev.paperclipee.heartbeat.boundary;

import dev.paperclipee.heartbeat.control.PaperclipSkill;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.ejb.Stateless;

import java.util.List;

/**
 * The skills this server gives its agents (api-contract "How a real agent runs a heartbeat"): the
 * bundled {@code paperclip} skill — how to authenticate, the heartbeat procedure and the
 * endpoints of this server's API — which the local CLI adapters also write into every run's work
 * directory. Served read-only to anyone, like upstream's skill files.
 */
@Stateless
public class AgentSkills {

    /** One entry of the index: the name and the one-line description of the skill's front matter. */
    public record Skill(String name, String description, String path) {
    }

    public List<Skill> index() {
        return List.of(new Skill(PaperclipSkill.NAME, description(PaperclipSkill.text()), "/api/skills/" + PaperclipSkill.NAME));
    }

    /** The skill's markdown; an unknown name is a 404. */
    public String markdown(String name) {
        if (!PaperclipSkill.NAME.equals(name)) {
            throw NotFoundException.of("Skill", name);
        }
        return PaperclipSkill.text();
    }

    static String description(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("description:")).findFirst()
                .map(line -> line.substring("description:".length()).strip()).orElse("");
    }
}
