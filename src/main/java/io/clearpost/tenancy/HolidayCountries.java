package io.clearpost.tenancy;

import de.focus_shift.jollyday.core.HolidayManager;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The countries whose public holidays a brand's calendar can skip: the ISO 3166 alpha-2 codes jollyday
 * has a holiday calendar for (its other calendars, such as {@code NYSE} or {@code TARGET}, are not countries).
 */
public final class HolidayCountries {

    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");
    private static final Set<String> KNOWN = known();

    private HolidayCountries() {
    }

    public static boolean isKnown(String code) {
        return code != null && KNOWN.contains(code.toUpperCase(Locale.ROOT));
    }

    /** The code in upper case, or an {@link IllegalArgumentException} for a country jollyday does not know. */
    public static String require(String code) {
        if (!isKnown(code)) {
            throw new IllegalArgumentException("holiday country \"" + code + "\" is not an ISO 3166 alpha-2 code "
                    + "with a public holiday calendar; known: " + String.join(", ", KNOWN));
        }
        return code.toUpperCase(Locale.ROOT);
    }

    private static Set<String> known() {
        Set<String> codes = new TreeSet<>();
        for (String code : HolidayManager.getSupportedCalendarCodes()) {
            String upper = code.toUpperCase(Locale.ROOT);
            if (ALPHA_2.matcher(upper).matches()) {
                codes.add(upper);
            }
        }
        return Collections.unmodifiableSet(codes);
    }
}
