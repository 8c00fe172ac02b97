package dev.paperclipee.company.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue prefixes: three letters of the name, then made unique. */
class IssuePrefixesTest {

    @ParameterizedTest
    @CsvSource({
            "Acme A, ACM",
            "acme, ACM",
            "Acme Corporation, ACM",
            "ab, AB",
            "x, X",
            "Ångström, ANG",
            "Éclair Études, ECL",
            "Straße, STR",
            "3M Company, MCO",
            "R2-D2 Robotics, RDR",
            "  Paperclip  , PAP"})
    void baseIsTheFirstThreeLettersInUpperCase(String name, String prefix) {
        assertEquals(prefix, IssuePrefixes.base(name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "123", "42 !!!", "€$%&", "東京", "Αθήνα", "\uD83D\uDE00"})
    void namesWithoutLatinLettersFallBackToCmp(String name) {
        assertEquals("CMP", IssuePrefixes.base(name));
    }

    @Test
    void freeBaseIsTakenAsIs() {
        assertEquals("ACM", IssuePrefixes.unique("ACM", prefix -> false));
    }

    @Test
    void collisionsAppendALetterThenANumber() {
        Set<String> taken = new HashSet<>();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String prefix = IssuePrefixes.unique("ACM", taken::contains);
            taken.add(prefix);
            chosen.add(prefix);
        }

        List<String> expected = new ArrayList<>(List.of("ACM"));
        for (char c = 'A'; c <= 'Z'; c++) {
            expected.add("ACM" + c);
        }
        expected.addAll(List.of("ACM2", "ACM3", "ACM4"));
        assertEquals(expected, chosen);
    }

    @Test
    void gapsAreReused() {
        Set<String> taken = Set.of("ACM", "ACMA", "ACMC");

        assertEquals("ACMB", IssuePrefixes.unique("ACM", taken::contains));
    }

    @Test
    void numbersAfterTheLettersSkipTakenOnes() {
        Set<String> taken = new HashSet<>(Set.of("AB", "AB2", "AB3"));
        for (char c = 'A'; c <= 'Z'; c++) {
            taken.add("AB" + c);
        }

        assertEquals("AB4", IssuePrefixes.unique("AB", taken::contains));
    }
}
