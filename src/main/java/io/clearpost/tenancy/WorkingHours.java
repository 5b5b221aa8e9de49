package io.clearpost.tenancy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A brand's working hours: the days of the week it works and the local time span of each of those days,
 * in the brand's time zone. Written as {@code "MON-FRI 09:00-18:00"} or {@code "MON,TUE,THU 08:30-17:00"}
 * (ranges and single days may be mixed, {@code "MON-WED,FRI 09:00-17:00"}; a range may wrap past Sunday,
 * {@code "SUN-THU"}).
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    /** Monday to Friday, 09:00 to 18:00. */
    public static final WorkingHours DEFAULT = new WorkingHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0));

    private static final Pattern TEXT = Pattern.compile("\\s*(\\S+)\\s+(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})\\s*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final String FORM = "days and times such as \"MON-FRI 09:00-18:00\" or \"MON,TUE,THU 08:30-17:00\"";

    public WorkingHours {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one working day");
        }
        if (from.getSecond() != 0 || from.getNano() != 0 || to.getSecond() != 0 || to.getNano() != 0) {
            throw new IllegalArgumentException("working hours start and end on whole minutes, not " + from + "-" + to);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("working hours must end after they start, not " + TIME.format(from)
                    + "-" + TIME.format(to));
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /** Reads the text form; refuses anything else with an {@link IllegalArgumentException} naming the problem. */
    public static WorkingHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("working hours are missing: expected " + FORM);
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("working hours \"" + text + "\" are not " + FORM);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : m.group(1).split(",", -1)) {
            for (DayOfWeek day : days(item, text)) {
                if (!days.add(day)) {
                    throw new IllegalArgumentException("working hours \"" + text + "\" name " + abbreviation(day) + " twice");
                }
            }
        }
        LocalTime from = time(m.group(2), text);
        LocalTime to = time(m.group(3), text);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("working hours \"" + text + "\" must end after they start");
        }
        return new WorkingHours(days, from, to);
    }

    public boolean isWorkingDay(DayOfWeek day) {
        return days.contains(day);
    }

    /** The canonical text form: days Monday first, three or more consecutive days as a range ({@code "MON-FRI 09:00-18:00"}). */
    @Override
    public String toString() {
        List<String> items = new ArrayList<>();
        DayOfWeek[] week = DayOfWeek.values();
        for (int i = 0; i < week.length; i++) {
            if (!days.contains(week[i])) {
                continue;
            }
            int end = i;
            while (end + 1 < week.length && days.contains(week[end + 1])) {
                end++;
            }
            if (end - i >= 2) {
                items.add(abbreviation(week[i]) + "-" + abbreviation(week[end]));
            } else {
                for (int d = i; d <= end; d++) {
                    items.add(abbreviation(week[d]));
                }
            }
            i = end;
        }
        return String.join(",", items) + " " + TIME.format(from) + "-" + TIME.format(to);
    }

    private static List<DayOfWeek> days(String item, String text) {
        String[] ends = item.split("-", -1);
        if (ends.length == 1) {
            return List.of(day(ends[0], text));
        }
        if (ends.length != 2) {
            throw new IllegalArgumentException("working hours \"" + text + "\": \"" + item + "\" is not a day or a range of days such as MON-FRI");
        }
        DayOfWeek first = day(ends[0], text);
        DayOfWeek last = day(ends[1], text);
        List<DayOfWeek> range = new ArrayList<>();
        for (DayOfWeek day = first; ; day = day.plus(1)) {
            range.add(day);
            if (day == last) {
                return range;
            }
        }
    }

    private static DayOfWeek day(String abbreviation, String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (abbreviation(day).equalsIgnoreCase(abbreviation)) {
                return day;
            }
        }
        throw new IllegalArgumentException("working hours \"" + text + "\": \"" + abbreviation
                + "\" is not a day (MON, TUE, WED, THU, FRI, SAT, SUN)");
    }

    private static LocalTime time(String value, String text) {
        try {
            return LocalTime.parse(value, TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("working hours \"" + text + "\": \"" + value + "\" is not a time of day (00:00 to 23:59)", e);
        }
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3).toUpperCase(Locale.ROOT);
    }
}
