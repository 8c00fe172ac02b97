package dev.paperclipee.portability.control;

import dev.paperclipee.portability.entity.PackageProblem;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * YAML of front matter and of the sidecar. Reading uses SnakeYAML Engine's composer (the full YAML
 * 1.2 core schema; duplicate keys, deep nesting and alias expansion refused), and turns the node tree
 * into maps, lists, strings, longs, doubles, booleans and nulls while remembering the line of every
 * key, so a problem can name its line. Writing emits the subset upstream Paperclip's home-grown reader
 * understands (company-package.md §5): block style, 2-space indentation, one-line scalars, and inline
 * {@code []}/{@code {}} only when empty (valid JSON); a string that would not read back as itself
 * plain is written as a JSON string, which is also a valid YAML double-quoted scalar.
 */
public final class Yaml {

    private static final int MAX_DEPTH = 32;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9 _./@+,;()'!?-]*");
    private static final Pattern RESERVED = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|null|y|n|~|\\.nan|\\.inf|-?\\.inf)");

    private Yaml() {
    }

    /** What a YAML document holds, and the 1-based line of each key path ({@code agents.writer.adapter}). */
    public record Parsed(Object value, Map<String, Integer> lines) {

        /** The line of a key path, or of its nearest ancestor that has one; 0 if none does. */
        public int line(String path) {
            String p = path;
            while (true) {
                Integer line = lines.get(p);
                if (line != null) {
                    return line;
                }
                int dot = p.lastIndexOf('.');
                if (dot < 0) {
                    return 0;
                }
                p = p.substring(0, dot);
            }
        }
    }

    /**
     * Parses one document; a syntax error becomes a problem of {@code file} at its line (shifted by
     * {@code lineOffset}, the lines before the YAML in the file) and the answer is null.
     */
    public static Parsed parse(String text, String file, int lineOffset, List<PackageProblem> problems) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false).setMaxAliasesForCollections(20).setCodePointLimit(4 * 1024 * 1024).build();
        try {
            Optional<Node> node = new Compose(settings).composeString(text);
            Map<String, Integer> lines = new HashMap<>();
            Object value = node.isEmpty() ? null : convert(node.get(), "", 0, lineOffset, lines);
            return new Parsed(value, lines);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1 + lineOffset).orElse(lineOffset + 1);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            problems.add(new PackageProblem(file, line, "invalid YAML: " + firstLine(problem)
                    + (e.getContext() == null ? "" : " (" + firstLine(e.getContext()) + ")")));
        } catch (YamlEngineException e) {
            problems.add(new PackageProblem(file, lineOffset + 1, "invalid YAML: " + firstLine(e.getMessage())));
        } catch (TooDeep e) {
            problems.add(new PackageProblem(file, e.line, "YAML nested deeper than " + MAX_DEPTH + " levels"));
        }
        return null;
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static final class TooDeep extends RuntimeException {
        final int line;

        TooDeep(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    private static Object convert(Node node, String path, int depth, int offset, Map<String, Integer> lines) {
        int line = node.getStartMark().map(m -> m.getLine() + 1 + offset).orElse(0);
        if (depth > MAX_DEPTH) {
            throw new TooDeep(line);
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Object key = convert(tuple.getKeyNode(), path, depth + 1, offset, lines);
                String name = String.valueOf(key);
                String childPath = path.isEmpty() ? name : path + "." + name;
                lines.putIfAbsent(childPath, tuple.getKeyNode().getStartMark().map(m -> m.getLine() + 1 + offset).orElse(line));
                map.put(name, convert(tuple.getValueNode(), childPath, depth + 1, offset, lines));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            int i = 0;
            for (Node item : sequence.getValue()) {
                String childPath = path + "." + i++;
                lines.putIfAbsent(childPath, item.getStartMark().map(m -> m.getLine() + 1 + offset).orElse(line));
                list.add(convert(item, childPath, depth + 1, offset, lines));
            }
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.parseBoolean(text.toLowerCase());
        }
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger n = text.startsWith("0x") ? new BigInteger(text.substring(2), 16)
                        : text.startsWith("0o") ? new BigInteger(text.substring(2), 8) : new BigInteger(text);
                return n.bitLength() < 64 ? (Object) n.longValue() : text;
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }

    // ---- writing ------------------------------------------------------------------------------

    /** A map as block-style YAML, keys in the map's order; null values are left out. */
    public static String emit(Map<String, ?> map) {
        StringBuilder out = new StringBuilder();
        emitMap(out, map, 0);
        return out.toString();
    }

    private static void emitMap(StringBuilder out, Map<String, ?> map, int indent) {
        map.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            out.append(" ".repeat(indent)).append(scalar(key)).append(':');
            emitValue(out, value, indent);
        });
    }

    /** After "key:" or "- ": a scalar on the same line, a collection on the next lines. */
    private static void emitValue(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.append(" {}\n");
            } else {
                out.append('\n');
                emitMap(out, stringKeys(m), indent + 2);
            }
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append(" []\n");
            } else {
                out.append('\n');
                for (Object item : list) {
                    out.append(" ".repeat(indent + 2)).append('-');
                    if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                        // "- key: value" then the other keys aligned under the first
                        StringBuilder nested = new StringBuilder();
                        emitMap(nested, stringKeys(m), indent + 4);
                        out.append(' ').append(nested.substring(indent + 4));
                    } else {
                        emitValue(out, item, indent + 2);
                    }
                }
            }
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    /** One scalar on one line: plain when it reads back as the same string, else a JSON string. */
    static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        String s = value.toString();
        if (PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches() && !s.endsWith(" ") && !s.contains(" #")
                && !s.contains(": ")) {
            return s;
        }
        return json(s);
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
