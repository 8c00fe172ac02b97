package dev.paperclipee.routine.control;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import dev.paperclipee.shared.entity.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A routine's schedule: a UNIX cron expression (five fields, as upstream Paperclip takes them)
 * read in an IANA time zone. The next occurrence is computed by cron-utils on zoned times, so
 * "09:00 every day" stays 09:00 local across daylight-saving changes; a local time that does not
 * exist on the day the clocks go forward has no occurrence that day, and a local time that happens
 * twice when they go back fires once. An invalid expression or
 * zone is a 400 naming the field.
 */
public final class CronSchedule {

    /** Longest expression accepted (a real one is a few dozen characters). */
    static final int MAX_EXPRESSION = 200;

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /**
     * @param expression a five-field cron expression
     * @param timezone   an IANA zone id such as {@code Europe/Berlin}; null means UTC
     */
    public static CronSchedule of(String expression, String timezone) {
        ZoneId zone = zone(timezone);
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException("cronExpression", "must be a cron expression such as \"0 9 * * 1-5\"",
                    "invalid_cron");
        }
        String trimmed = expression.strip();
        if (expression.length() > MAX_EXPRESSION || expression.chars().anyMatch(c -> c < 0x20 && c != ' ')) {
            throw new InvalidInputException("cronExpression", "is not a cron expression", "invalid_cron");
        }
        try {
            Cron cron = PARSER.parse(trimmed).validate();
            return new CronSchedule(trimmed, zone, ExecutionTime.forCron(cron));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cronExpression",
                    "must be a five-field cron expression (minute hour day-of-month month day-of-week): "
                            + (e.getMessage() == null ? "invalid" : e.getMessage()), "invalid_cron");
        }
    }

    /** An IANA zone id; null or blank means UTC. */
    public static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        if (timezone.length() > 100) {
            throw new InvalidInputException("timezone", "must be an IANA time zone such as \"Europe/Berlin\"", "invalid_timezone");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timezone", "must be an IANA time zone such as \"Europe/Berlin\"", "invalid_timezone");
        }
    }

    /** The first occurrence strictly after {@code after}, in UTC; empty when the expression never fires again. */
    public Optional<OffsetDateTime> nextAfter(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        return times.nextExecution(from)
                .filter(next -> next.toInstant().isAfter(after))
                .map(next -> next.toInstant().atOffset(ZoneOffset.UTC));
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }
}
