package dev.paperclipee.company.control;

import dev.paperclipee.company.entity.Company;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Chooses a company's issue prefix: the first three letters of its name in upper case
 * ("Acme A" → {@code ACM}), made unique by appending a letter, then a number.
 *
 * <p>Two companies created at the same moment could pick the same free prefix; the caller
 * serialises creation with a transaction-scoped advisory lock, and the unique constraint on
 * {@code companies.issue_prefix} is the last line of defence.
 */
@Dependent
public class IssuePrefixes {

    static final int LENGTH = 3;
    private static final String FALLBACK = "CMP";
    private static final long CREATION_LOCK = 0x7061_7065_7263_6c01L; // "paperc" + 1

    @PersistenceContext
    EntityManager em;

    /** Locks company creation for the rest of the transaction (all nodes). */
    public void lockCreation() {
        em.createNativeQuery("select pg_advisory_xact_lock(" + CREATION_LOCK + ")").getSingleResult();
    }

    public String unique(String companyName) {
        return unique(base(companyName), this::taken);
    }

    private boolean taken(String prefix) {
        return em.createNamedQuery(Company.PREFIX_TAKEN, Long.class)
                .setParameter("prefix", prefix)
                .getSingleResult() > 0;
    }

    /** The first letters of the name (accents removed), upper case; {@code CMP} when it has none. */
    static String base(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z]", "")
                .toUpperCase(Locale.ROOT);
        if (ascii.isEmpty()) {
            return FALLBACK;
        }
        return ascii.length() <= LENGTH ? ascii : ascii.substring(0, LENGTH);
    }

    /** {@code base}, else base + A..Z, else base + 2, 3, … — the first that is not taken. */
    static String unique(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            if (!taken.test(base + c)) {
                return base + c;
            }
        }
        for (int n = 2; ; n++) {
            if (!taken.test(base + n)) {
                return base + n;
            }
        }
    }
}
