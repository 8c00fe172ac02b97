package dev.paperclipee.portability.control;

import dev.paperclipee.portability.entity.PackageProblem;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A markdown file of a package: YAML front matter between a first line {@code ---} and the next
 * {@code ---} line, then the body. Lines of front matter keys are the file's own lines.
 */
public record MarkdownFile(String path, Map<String, Object> fields, String body, Yaml.Parsed yaml) {

    private static final Parser MARKDOWN = Parser.builder().build();

    /** The field's 1-based line in the file, or 1 (the front matter's opening line) if it has none. */
    public int line(String field) {
        int line = yaml == null ? 0 : yaml.line(field);
        return line > 0 ? line : 1;
    }

    /**
     * Reads a file; a missing or unterminated front matter, bad YAML, or front matter that is not
     * a map is a problem, and then the fields are empty.
     */
    public static MarkdownFile parse(String path, String text, List<PackageProblem> problems) {
        String t = text.startsWith("\ufeff") ? text.substring(1) : text;
        String[] lines = t.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            problems.add(new PackageProblem(path, 1, "no YAML front matter: the file must start with a line '---'"));
            return new MarkdownFile(path, Map.of(), t, null);
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problems.add(new PackageProblem(path, 1, "the front matter opened on line 1 is never closed by a line '---'"));
            return new MarkdownFile(path, Map.of(), "", null);
        }
        String yamlText = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, close));
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, close + 1, lines.length)).strip();
        Yaml.Parsed parsed = Yaml.parse(yamlText, path, 1, problems);
        if (parsed == null) {
            return new MarkdownFile(path, Map.of(), body, null);
        }
        if (parsed.value() == null) {
            return new MarkdownFile(path, Map.of(), body, parsed);
        }
        if (!(parsed.value() instanceof Map<?, ?> map)) {
            problems.add(new PackageProblem(path, 2, "the front matter must be a map of fields (key: value)"));
            return new MarkdownFile(path, Map.of(), body, parsed);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return new MarkdownFile(path, fields, body, parsed);
    }

    /** Front matter (empty values already dropped by the caller) and body as the file's text. */
    public static String render(Map<String, Object> fields, String body) {
        Map<String, Object> present = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        String b = body == null ? "" : body.strip();
        return "---\n" + Yaml.emit(present) + "---\n" + (b.isEmpty() ? "" : b + "\n");
    }

    /**
     * The first heading's or paragraph's text of a markdown body, for a description the front
     * matter does not give; null for an empty body.
     */
    public static String summary(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        Node document = MARKDOWN.parse(body);
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Paragraph || block instanceof Heading) {
                StringBuilder text = new StringBuilder();
                collect(block, text);
                String s = text.toString().strip();
                if (!s.isEmpty()) {
                    return s.length() > 200 ? s.substring(0, 200) : s;
                }
            }
        }
        return null;
    }

    private static void collect(Node node, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text text) {
                out.append(text.getLiteral());
            } else if (child instanceof org.commonmark.node.SoftLineBreak) {
                out.append(' ');
            } else {
                collect(child, out);
            }
        }
    }
}
