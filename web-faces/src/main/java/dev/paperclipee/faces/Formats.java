package dev.paperclipee.faces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.text.NumberFormat;
import java.util.Locale;

/** Display formats for pages: {@code #{fmt.dollars(a.spentMonthlyCents)}} → "$1,234.56". */
@Named("fmt")
@ApplicationScoped
public class Formats {

    /** Cents as dollars with two decimals and thousands separators. */
    public String dollars(long cents) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        return format.format(cents / 100.0);
    }

    /** A budget: "no limit" for 0, dollars otherwise. */
    public String budget(long cents) {
        return cents <= 0 ? "no limit" : dollars(cents);
    }
}
