package dev.paperclipee.faces;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the board writes money, times, statuses and JSON ({@code #{display.money(cents)}}): one place,
 * so that every page says "$12.50" and "3 min ago" alike.
 */
@Named
@ApplicationScoped
public class Display {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
    private static final JsonWriterFactory PRETTY = JsonText.JSON.createWriterFactory(
            Map.of(JsonGenerator.PRETTY_PRINTING, true));

    /** A JSON field as the board shows it: its name made readable and its value as text. */
    public record Field(String name, String value, boolean multiline) {
    }

    /** Cents as dollars: {@code $1,234.50}. */
    public String money(long cents) {
        return String.format(Locale.US, "%s$%,.2f", cents < 0 ? "-" : "", Math.abs(cents) / 100.0);
    }

    /** A monthly budget: "no limit" for zero. */
    public String budget(long cents) {
        return cents == 0 ? "no limit" : money(cents);
    }

    /** Spend as a percentage of a budget, capped at 100 for a bar; 0 without a budget. */
    public int barPercent(long spentCents, long budgetCents) {
        if (budgetCents <= 0) {
            return 0;
        }
        return (int) Math.min(100, Math.round(spentCents * 100.0 / budgetCents));
    }

    /** {@code ok}, {@code warn} (80 % and more) or {@code over} (100 % and more): the colour of a bar. */
    public String barLevel(long spentCents, long budgetCents) {
        if (budgetCents <= 0) {
            return "none";
        }
        double used = spentCents * 100.0 / budgetCents;
        return used >= 100 ? "over" : used >= 80 ? "warn" : "ok";
    }

    public String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** An enum's wire value for people: {@code in_progress} → "in progress". */
    public String label(Object value) {
        return value == null ? "" : value.toString().replace('_', ' ');
    }

    public String stamp(OffsetDateTime time) {
        return time == null ? "" : STAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** "just now", "5 min ago", "3 h ago", "2 d ago", else the date. */
    public String ago(OffsetDateTime time) {
        if (time == null) {
            return "";
        }
        Duration age = Duration.between(time, OffsetDateTime.now());
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        if (age.toDays() < 30) {
            return age.toDays() + " d ago";
        }
        return stamp(time);
    }

    /** JSON text indented for reading; text that is not JSON as it is. */
    public String prettyJson(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try (var reader = JsonText.JSON.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            StringWriter out = new StringWriter();
            try (JsonWriter writer = PRETTY.createWriter(out)) {
                writer.write(value);
            }
            return out.toString().strip();
        } catch (RuntimeException e) {
            return json;
        }
    }

    /** A JSON object's fields, one line each ("{}" and non-objects: none). */
    public List<Field> fields(String json) {
        List<Field> fields = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return fields;
        }
        JsonObject object;
        try (var reader = JsonText.JSON.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject o)) {
                return fields;
            }
            object = o;
        } catch (RuntimeException e) {
            return fields;
        }
        object.forEach((name, value) -> {
            String text = switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NULL -> "—";
                case TRUE -> "yes";
                case FALSE -> "no";
                case OBJECT, ARRAY -> prettyJson(value.toString());
                default -> value.toString();
            };
            fields.add(new Field(humanName(name), text, text.contains("\n") || text.length() > 80));
        });
        return fields;
    }

    /** {@code budgetMonthlyCents} → "Budget monthly cents". */
    static String humanName(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        spaced = (" " + spaced + " ").replace(" api ", " API ").replace(" url ", " URL ").strip();
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
