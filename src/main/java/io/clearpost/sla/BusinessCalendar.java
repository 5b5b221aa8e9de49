package io.clearpost.sla;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.HolidayCountries;
import io.clearpost.tenancy.WorkingHours;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A brand's working time: its working hours, in its time zone, on its working days that are not public holidays
 * of its holiday country. Immutable and thread-safe; no Spring needed.
 * <p>
 * Each working day's hours are turned into instants through the zone, so a day across a daylight-saving change
 * counts the hours the clock really showed. A public holiday is a jollyday {@link HolidayType#PUBLIC_HOLIDAY} of
 * the country as a whole (no region) on the date jollyday gives it: for a holiday the country observes on
 * another day, that is the observed day (the US Independence Day of Sunday 2027-07-04 is Monday 2027-07-05).
 */
public final class BusinessCalendar {

    /** How far {@link #plus} looks for the end of the working time before it gives up. */
    static final Duration SEARCH_LIMIT = Duration.ofDays(5 * 366);

    /** Creating a HolidayManager reads the country's XML calendar: once per country. */
    private static final Map<String, HolidayManager> MANAGERS = new ConcurrentHashMap<>();
    /** The public holidays of a country in a year ("FR/2026"), computed once. */
    private static final Map<String, Set<LocalDate>> HOLIDAYS = new ConcurrentHashMap<>();

    private final ZoneId zone;
    private final WorkingHours hours;
    private final String holidayCountry;

    private BusinessCalendar(ZoneId zone, WorkingHours hours, String holidayCountry) {
        this.zone = zone;
        this.hours = hours;
        this.holidayCountry = holidayCountry;
    }

    /**
     * @param holidayCountry an ISO 3166 alpha-2 code jollyday knows (any case), or null for no public holidays;
     *                       IllegalArgumentException for an unknown one
     */
    public static BusinessCalendar of(ZoneId zone, WorkingHours hours, String holidayCountry) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(hours, "working hours");
        return new BusinessCalendar(zone, hours, holidayCountry == null ? null : HolidayCountries.require(holidayCountry));
    }

    /** The brand's calendar as the brand stands now. */
    public static BusinessCalendar of(Brand brand) {
        return of(brand.zone(), brand.workingHours(), brand.holidayCountry());
    }

    public ZoneId zone() {
        return zone;
    }

    public WorkingHours workingHours() {
        return hours;
    }

    /** ISO 3166 alpha-2 in upper case, or null. */
    public String holidayCountry() {
        return holidayCountry;
    }

    /**
     * The instant at which {@code workingTime} of working time has passed since {@code start}. A start outside
     * working time counts from the next opening; an end that falls exactly on a closing time stays there (it is
     * not moved to the next opening). Zero returns {@code start} unchanged.
     *
     * @throws IllegalArgumentException for a negative duration
     * @throws IllegalStateException    when the working time does not fit in {@link #SEARCH_LIMIT} (about five years)
     */
    public Instant plus(Instant start, Duration workingTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(workingTime, "working time");
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + workingTime);
        }
        if (workingTime.isZero()) {
            return start;
        }
        Duration remaining = workingTime;
        LocalDate first = start.atZone(zone).toLocalDate();
        LocalDate last = start.plus(SEARCH_LIMIT).atZone(zone).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant opening = opening(day);
            Instant closing = closing(day);
            Instant from = start.isAfter(opening) ? start : opening;
            if (!from.isBefore(closing)) {
                continue;
            }
            Duration available = Duration.between(from, closing);
            if (remaining.compareTo(available) <= 0) {
                return from.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException("no end for " + workingTime + " of working time from " + start + " within "
                + SEARCH_LIMIT.toDays() + " days (" + this + ")");
    }

    /** Whether {@code at} is inside the working hours (opening included, closing not) of a working day. */
    public boolean isWorkingTime(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return isWorkingDay(day) && !at.isBefore(opening(day)) && at.isBefore(closing(day));
    }

    /** A working day of the week that is not a public holiday of the holiday country. */
    public boolean isWorkingDay(LocalDate day) {
        return hours.isWorkingDay(day.getDayOfWeek()) && !isPublicHoliday(day);
    }

    public boolean isPublicHoliday(LocalDate day) {
        return holidayCountry != null && publicHolidays(holidayCountry, day.getYear()).contains(day);
    }

    private Instant opening(LocalDate day) {
        return day.atTime(hours.from()).atZone(zone).toInstant();
    }

    private Instant closing(LocalDate day) {
        return day.atTime(hours.to()).atZone(zone).toInstant();
    }

    /**
     * The dates in {@code year} on which a public holiday is kept. A holiday of the next year may be kept in this
     * one (the US New Year's Day of Saturday 2028-01-01 is observed on Friday 2027-12-31, and jollyday lists it
     * under 2028, which its own isHoliday misses), so the neighbouring years are read too.
     */
    private static Set<LocalDate> publicHolidays(String country, int year) {
        return HOLIDAYS.computeIfAbsent(country + "/" + year, key -> {
            HolidayManager manager = manager(country);
            return IntStream.rangeClosed(year - 1, year + 1)
                    .mapToObj(y -> manager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY))
                    .flatMap(Set::stream)
                    .map(Holiday::getDate)
                    .filter(date -> date.getYear() == year)
                    .collect(Collectors.toUnmodifiableSet());
        });
    }

    private static HolidayManager manager(String country) {
        return MANAGERS.computeIfAbsent(country, code -> HolidayManager.getInstance(ManagerParameters.create(code)));
    }

    @Override
    public String toString() {
        return hours + " " + zone + (holidayCountry == null ? ", no public holidays" : ", public holidays of " + holidayCountry);
    }
}
