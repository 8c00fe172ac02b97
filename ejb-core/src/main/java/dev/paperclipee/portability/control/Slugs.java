package dev.paperclipee.portability.control;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Slugs, the identity of everything inside a package (company-package.md §4): lower case, runs of
 * anything but letters and digits become one hyphen, no hyphen at either end. Unique among their
 * kind with {@code -2}, {@code -3}, …
 */
public final class Slugs {

    public static final int MAX = 64;
    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Slugs() {
    }

    /** The slug of a name; {@code fallback} when the name has no letter or digit at all. */
    public static String of(String name, String fallback) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX && VALID.matcher(slug).matches();
    }

    /** {@code base}, or {@code base-2}, {@code base-3}, … whichever is not taken yet. */
    public static String unique(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
