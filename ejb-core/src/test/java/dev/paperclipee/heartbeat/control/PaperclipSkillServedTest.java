package dev.paperclipee.heartbeat.control;

import dev.paperclipee.heartbeat.boundary.AgentSkills;
import dev.paperclipee.shared.entity.NotFoundException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skill served at {@code /api/skills/paperclip} is the very text the CLI adapters deliver into a run. */
class PaperclipSkillServedTest {

    @Test
    void theServedSkillIsTheDeliveredOne(@TempDir Path work) throws Exception {
        AgentSkills skills = new AgentSkills();
        PaperclipSkill.Delivered delivered = PaperclipSkill.deliver(work, null);
        assertEquals(Files.readString(delivered.skill(), StandardCharsets.UTF_8), skills.markdown("paperclip"));
        assertEquals(work.resolve("skills/paperclip/SKILL.md"), delivered.skill());
        assertTrue(Files.readString(delivered.instructions()).startsWith(skills.markdown("paperclip")));
    }

    @Test
    void theIndexDescribesItFromItsFrontMatter() {
        AgentSkills.Skill only = new AgentSkills().index().get(0);
        assertEquals("paperclip", only.name());
        assertTrue(only.description().startsWith("How to do one Paperclip heartbeat"), only.description());
        assertThrows(NotFoundException.class, () -> new AgentSkills().markdown("other"));
    }
}
