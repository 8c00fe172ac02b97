package dev.paperclipee.secret.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API shows of stored JSON that may carry credentials — adapter and runtime configs,
 * project env, activity details, approval payloads (spec §7.12 "config read APIs redact
 * sensitive plain values", §16). As upstream does: under a sensitive-looking key ({@code
 * API_KEY}, {@code githubToken}, {@code Authorization}, {@code DB_PASSWORD}, …) a secret
 * reference stays as it is (it holds no value), a plain binding keeps its shape with the value
 * {@value #MASK}, and any other value (but a boolean) becomes {@value #MASK}. Elsewhere, strings shaped like a
 * JWT are masked whole, and agent keys ({@code pcp_…}) and {@code Bearer} tokens inside text.
 *
 * <p>Keys are split into words (camelCase, {@code _}, {@code -}); a key is sensitive when a word
 * is one of token, secret, password, passwd, pwd, passphrase, credential(s), jwt, cookie, auth,
 * authorization, bearer, apikey, privatekey, or when it ends in "key" after another word
 * ({@code OPENAI_API_KEY}, {@code accessKey}) — but not when its last word says it is about a
 * secret rather than one ({@code secretId}, {@code tokenName}, {@code keyVersion}).
 */
public final class Redaction {

    public static final String MASK = "***REDACTED***";

    private static final Set<String> SECRET_WORDS = Set.of("token", "secret", "password", "passwd", "pwd", "passphrase",
            "credential", "credentials", "jwt", "cookie", "auth", "authorization", "bearer", "apikey", "privatekey",
            "secretkey", "accesskey");
    private static final Set<String> METADATA_WORDS = Set.of("id", "ids", "name", "names", "version", "versions", "count",
            "type", "ref", "refs", "at", "url", "path", "file");
    private static final Pattern WORD_BREAK = Pattern.compile("[_\\-.\\s]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final Pattern TOKEN_SHAPES =
            Pattern.compile("pcp_[0-9a-fA-F]{48}|((?i:bearer)\\s+)[A-Za-z0-9._~+/=-]{8,}");

    private Redaction() {
    }

    /** Whether a key or variable name looks like it holds a credential. */
    public static boolean sensitive(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        List<String> words = new ArrayList<>();
        for (String word : WORD_BREAK.split(key)) {
            if (!word.isEmpty()) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        if (words.isEmpty() || METADATA_WORDS.contains(words.get(words.size() - 1)) && words.size() > 1) {
            return false;
        }
        for (String word : words) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return words.size() > 1 && words.get(words.size() - 1).equals("key");
    }

    /** The stored JSON text as the API shows it (null stays null). */
    public static JsonObject of(String storedJson) {
        JsonObject object = JsonText.parse(storedJson);
        return object == null ? null : object(object);
    }

    /** The object with sensitive values masked. */
    public static JsonObject object(JsonObject object) {
        JsonObjectBuilder builder = JsonText.JSON.createObjectBuilder();
        object.forEach((key, value) -> builder.add(key, sensitive(key) ? masked(value) : value(value)));
        return builder.build();
    }

    /** A text with agent keys and bearer tokens masked (the word "Bearer" stays). */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return TOKEN_SHAPES.matcher(text).replaceAll(match -> {
            String bearer = match.group(1);
            return java.util.regex.Matcher.quoteReplacement(bearer == null ? MASK : bearer + MASK);
        });
    }

    private static JsonValue masked(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL || value.getValueType() == JsonValue.ValueType.TRUE
                || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value; // a flag such as createApiKey is no credential
        }
        if (EnvBindings.isSecretRef(value)) {
            return value;
        }
        if (EnvBindings.isPlainBinding(value)) {
            return JsonText.JSON.createObjectBuilder(value.asJsonObject()).add("value", MASK).build();
        }
        if (value instanceof JsonString string && string.getString().isEmpty()) {
            return value; // an empty value hides nothing, and shows that none is set
        }
        return JsonText.JSON.createValue(MASK);
    }

    private static JsonValue value(JsonValue value) {
        if (value instanceof JsonObject object) {
            return object(object);
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder builder = JsonText.JSON.createArrayBuilder();
            array.forEach(element -> builder.add(value(element)));
            return builder.build();
        }
        if (value instanceof JsonString string) {
            String text = string.getString();
            if (JWT.matcher(text).matches()) {
                return JsonText.JSON.createValue(MASK);
            }
            String masked = text(text);
            return masked.equals(text) ? value : JsonText.JSON.createValue(masked);
        }
        return value;
    }
}
