package dev.paperclipee.heartbeat.control;


import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks secrets in what an agent prints before it reaches the run log (spec §11.2 "stream
 * stdout/stderr to run logs"; secrets never appear in logs). Two kinds:
 * <ul>
 *   <li>known values: the run token, values of secret-looking environment names, the http
 *       adapter's header values ({@link #forInvocation}); each occurrence, and its JSON-escaped
 *       form, becomes {@value #MASK};</li>
 *   <li>shapes: an agent key ({@code pcp_} + 48 hex digits) and {@code Bearer <token>} (the word
 *       stays, the token goes), whoever's they are.</li>
 * </ul>
 * Values shorter than {@value #MIN_SECRET_LENGTH} characters are not masked: masking "abc"
 * everywhere would wreck the log and protect nothing.
 *
 * <p>Output arrives in chunks. {@link #heldBack} tells a writer how much of a chunk's end might
 * be the beginning of a secret, so that it can wait for the rest before writing; see
 * {@link RunLogFile} for the limits.
 */
public final class Redactor {

    public static final String MASK = "***REDACTED***";
    public static final int MIN_SECRET_LENGTH = 6;

    /** Longest bearer token held back while waiting for its end. */
    static final int MAX_BEARER_HELD = 4096;

    private static final Pattern SECRET_NAME =
            Pattern.compile("key|token|secret|password|passwd|credential|auth|cookie|session", Pattern.CASE_INSENSITIVE);
    private static final String SHAPES = "pcp_[0-9a-fA-F]{48}|((?i:bearer)\\s+)[A-Za-z0-9._~+/=-]{8,}";
    private static final Pattern SHAPE = Pattern.compile(SHAPES);
    private static final Pattern PARTIAL_SHAPE = Pattern.compile(
            "(?:p(?:c(?:p(?:_[0-9a-fA-F]{0,47})?)?)?|(?i:b(?:e(?:a(?:r(?:e(?:r(?:\\s+[A-Za-z0-9._~+/=-]{0,"
                    + MAX_BEARER_HELD + "})?)?)?)?)?)?))$");
    /** Headers whose values are routine words, not credentials: masking them would only garble the log. */
    private static final Set<String> PLAIN_HEADERS =
            Set.of("content-type", "accept", "accept-language", "accept-encoding", "content-language", "user-agent", "cache-control");

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z-]+\\s+(\\S+)");

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;
    private final Pattern pattern;
    private final int longest;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
        this.pattern = secrets.isEmpty() ? SHAPE : Pattern.compile(
                secrets.stream().map(Pattern::quote).collect(Collectors.joining("|")) + "|" + SHAPES);
        this.longest = secrets.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Masks the shapes only. */
    public static Redactor none() {
        return NONE;
    }

    /** Masks {@code secrets} (those of at least {@value #MIN_SECRET_LENGTH} characters) and the shapes. */
    public static Redactor of(Collection<String> secrets) {
        Set<String> values = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                values.add(secret);
                values.add(jsonEscaped(secret));
            }
        }
        List<String> sorted = new ArrayList<>(values);
        // longest first, so that a secret containing another is masked whole
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted.isEmpty() ? NONE : new Redactor(List.copyOf(sorted));
    }

    /**
     * Everything secret an invocation hands to an agent: the run token, the values resolved from
     * company secrets (whatever their variables are called), secret-looking values of
     * its environment, of the adapter config's {@code env}, and of the server's own environment
     * (some of which a CLI adapter passes on, e.g. its provider's API key), and the values of the
     * http adapter's {@code headers} except routine ones such as {@code Content-Type}.
     */
    public static Redactor forInvocation(Invocation invocation) {
        List<String> secrets = new ArrayList<>();
        secrets.add(invocation.runToken());
        secrets.addAll(invocation.secretValues());
        if (invocation.environment() != null) {
            secrets.addAll(secretValues(invocation.environment()));
        }
        AdapterConfig config = new AdapterConfig(invocation.adapterConfig());
        secrets.addAll(secretValues(config.textMap("env")));
        config.textMap("headers").forEach((name, value) -> {
            if (!PLAIN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                secrets.add(value);
                // "Basic dXNlcjpwYXNz": the credentials may also show up without their scheme
                Matcher scheme = SCHEME.matcher(value);
                if (scheme.matches()) {
                    secrets.add(scheme.group(1));
                }
            }
        });
        secrets.addAll(secretValues(System.getenv()));
        return of(secrets);
    }

    /** Whether an environment name looks like it holds a secret ({@code API_KEY}, {@code DB_PASSWORD}, …). */
    public static boolean looksSecret(String name) {
        return name != null && SECRET_NAME.matcher(name).find();
    }

    /** The values of {@code environment} whose names look secret and that are long enough to mask. */
    public static List<String> secretValues(Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (looksSecret(name) && value != null && value.length() >= MIN_SECRET_LENGTH) {
                values.add(value);
            }
        });
        return values;
    }

    /** The text with every secret and secret shape masked. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        return matcher.replaceAll(match -> {
            // the only capturing group: quoted secrets capture nothing
            String bearer = match.group(1);
            return Matcher.quoteReplacement(bearer == null ? MASK : bearer + MASK);
        });
    }

    /**
     * How many characters at the end of the unmasked {@code text} might be the start of a secret
     * that the next chunk completes (or a secret that straddles that point): a writer keeps them
     * back and puts them in front of the next chunk.
     */
    int heldBack(String text) {
        int length = text.length();
        int start = length;
        for (int i = Math.max(0, length - longest + 1); i < start; i++) {
            String tail = text.substring(i);
            for (String secret : secrets) {
                if (secret.length() > tail.length() && secret.startsWith(tail)) {
                    start = i;
                    break;
                }
            }
        }
        Matcher partial = PARTIAL_SHAPE.matcher(text);
        partial.region(Math.max(0, length - MAX_BEARER_HELD - 16), length);
        if (partial.find()) {
            start = Math.min(start, partial.start());
        }
        // a complete secret must not be cut in two by the point where writing stops
        boolean moved = true;
        while (moved) {
            moved = false;
            Matcher whole = pattern.matcher(text);
            while (whole.find()) {
                if (whole.start() < start && whole.end() > start) {
                    start = whole.start();
                    moved = true;
                }
            }
        }
        return length - start;
    }

    private static String jsonEscaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
