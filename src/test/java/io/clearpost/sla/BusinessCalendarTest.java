package io.clearpost.sla;

import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.WorkingHours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Working time in the demo brands' calendars: acme-bank works Monday to Friday 09:00–18:00 Europe/Paris without
 * the public holidays of France, nova-foods the same hours in America/New_York without those of the United States
 * (as jollyday 1.5.0 has them).
 */
class BusinessCalendarTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final BusinessCalendar ACME_BANK = BusinessCalendar.of(PARIS, WorkingHours.DEFAULT, "FR");
    static final BusinessCalendar NOVA_FOODS = BusinessCalendar.of(NEW_YORK, WorkingHours.DEFAULT, "US");

    @ParameterizedTest(name = "acme-bank: {0} + {1} = {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-18T17:00 | PT8H    | 2026-12-21T16:00 | Friday 17:00: one hour on Friday, seven on Monday
            2026-12-24T17:00 | PT2H    | 2026-12-28T10:00 | 25 December is a holiday in France, then the weekend
            2026-07-13T17:00 | PT2H    | 2026-07-15T10:00 | 14 July (a Tuesday) is a holiday in France
            2026-12-15T22:00 | PT2H    | 2026-12-16T11:00 | a start at night counts from the next morning
            2026-12-15T07:00 | PT2H    | 2026-12-15T11:00 | a start before opening counts from the opening
            2026-12-19T12:00 | PT2H    | 2026-12-21T11:00 | a start on Saturday counts from Monday morning
            2026-12-21T17:00 | PT1H    | 2026-12-21T18:00 | an end exactly at closing stays at closing
            2026-12-21T09:00 | PT9H    | 2026-12-21T18:00 | a whole working day ends at closing the same day
            2026-12-21T09:00 | PT9H1M  | 2026-12-22T09:01 | a minute more is the next morning
            2026-12-21T10:15 | PT30M   | 2026-12-21T10:45 | inside working hours it is plain time
            2026-12-21T10:00 | PT36H   | 2026-12-28T10:00 | four working days, then Christmas and the weekend
            2027-03-26T17:00 | PT2H    | 2027-03-30T10:00 | over the change to summer time (Sunday 28 March) and Easter Monday
            2027-03-25T17:00 | PT11H   | 2027-03-30T10:00 | Thursday 1 h, Friday 9 h, then Tuesday 1 h
            2026-10-23T17:00 | PT2H    | 2026-10-26T10:00 | over the change to winter time (Sunday 25 October)
            """)
    void acmeBank(LocalDateTime start, Duration workingTime, LocalDateTime end, String why) {
        assertThat(ACME_BANK.plus(at(start, PARIS), workingTime).atZone(PARIS)).as(why).isEqualTo(end.atZone(PARIS));
    }

    @ParameterizedTest(name = "nova-foods: {0} + {1} = {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-18T17:00 | PT8H    | 2026-12-21T16:00 | Friday 17:00: one hour on Friday, seven on Monday
            2026-12-24T17:00 | PT2H    | 2026-12-28T10:00 | Christmas (a Friday) is a US holiday, then the weekend
            2026-11-25T17:00 | PT2H    | 2026-11-27T10:00 | Thanksgiving is a holiday; the Friday after is not a federal one
            2026-11-27T17:00 | PT2H    | 2026-11-30T10:00 | the Thanksgiving weekend
            2027-07-02T17:00 | PT2H    | 2027-07-06T10:00 | 4 July 2027 is a Sunday: jollyday's US calendar keeps Monday 5 July
            2027-12-30T17:00 | PT2H    | 2028-01-03T10:00 | New Year's Day 2028 (a Saturday) is kept on Friday 31 December 2027
            2026-12-15T22:00 | PT2H    | 2026-12-16T11:00 | a start at night counts from the next morning
            2026-12-19T12:00 | PT2H    | 2026-12-21T11:00 | a start on Saturday counts from Monday morning
            2026-12-21T17:00 | PT1H    | 2026-12-21T18:00 | an end exactly at closing stays at closing
            2027-03-12T17:00 | PT2H    | 2027-03-15T10:00 | over the US change to summer time (Sunday 14 March)
            2027-03-26T17:00 | PT2H    | 2027-03-29T10:00 | the European change and Easter Monday are nothing in New York
            """)
    void novaFoods(LocalDateTime start, Duration workingTime, LocalDateTime end, String why) {
        assertThat(NOVA_FOODS.plus(at(start, NEW_YORK), workingTime).atZone(NEW_YORK)).as(why).isEqualTo(end.atZone(NEW_YORK));
    }

    @Test
    void theSpanOverTheChangeToSummerTimeIsOneHourShorterInRealTime() {
        Instant start = at(LocalDateTime.parse("2027-03-26T17:00"), PARIS);
        Instant end = ACME_BANK.plus(start, Duration.ofHours(2));

        assertThat(end.atZone(PARIS).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(start.atZone(PARIS).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        // Friday 17:00 CET to Tuesday 10:00 CEST: 3 days and 17 wall-clock hours, one real hour fewer
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofDays(3).plusHours(16));
    }

    /** On the short day itself, working 01:00–05:00 is three real hours (02:00–03:00 does not exist). */
    @Test
    void aWorkingDayWithTheChangeCountsTheHoursTheClockShowed() {
        BusinessCalendar nights = BusinessCalendar.of(PARIS, WorkingHours.parse("MON-SUN 01:00-05:00"), null);
        Instant sundayOne = at(LocalDateTime.parse("2027-03-28T01:00"), PARIS);

        assertThat(nights.plus(sundayOne, Duration.ofHours(3)).atZone(PARIS).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2027-03-28T05:00"));
        assertThat(nights.plus(sundayOne, Duration.ofHours(3).plusMinutes(1)).atZone(PARIS).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2027-03-29T01:01"));
        // on the long day of October, 01:00–05:00 is five real hours
        Instant octoberOne = at(LocalDateTime.parse("2026-10-25T01:00"), PARIS);
        assertThat(nights.plus(octoberOne, Duration.ofHours(5)).atZone(PARIS).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2026-10-25T05:00"));
    }

    @Test
    void zeroReturnsTheStartUnchangedEvenOutsideWorkingTime() {
        Instant saturdayNight = at(LocalDateTime.parse("2026-12-19T23:30"), PARIS);

        for (BusinessCalendar calendar : List.of(ACME_BANK, NOVA_FOODS)) {
            assertThat(calendar.plus(saturdayNight, Duration.ZERO)).isEqualTo(saturdayNight);
        }
    }

    @Test
    void aNegativeDurationIsRefused() {
        Instant now = at(LocalDateTime.parse("2026-12-21T10:00"), PARIS);

        assertThatIllegalArgumentException().isThrownBy(() -> ACME_BANK.plus(now, Duration.ofMinutes(-1)))
                .withMessageContaining("negative");
        assertThatIllegalArgumentException().isThrownBy(() -> NOVA_FOODS.plus(now, Duration.ofHours(-8)));
    }

    @Test
    void theSearchForAnEndStopsAfterAboutFiveYears() {
        Instant start = at(LocalDateTime.parse("2026-12-21T10:00"), PARIS);

        // five years hold about 1,250 working days of 9 hours: 12,000 hours do not fit
        assertThatIllegalStateException().isThrownBy(() -> ACME_BANK.plus(start, Duration.ofHours(12_000)))
                .withMessageContaining("within");
        assertThat(ACME_BANK.plus(start, Duration.ofHours(9_000))).isAfter(start.plus(Duration.ofDays(3 * 365)));
    }

    @Test
    void workingTimeIsInsideTheHoursOfAWorkingDayInTheBrandsZone() {
        assertThat(ACME_BANK.isWorkingTime(at(LocalDateTime.parse("2026-12-21T09:00"), PARIS))).as("opening").isTrue();
        assertThat(ACME_BANK.isWorkingTime(at(LocalDateTime.parse("2026-12-21T08:59"), PARIS))).isFalse();
        assertThat(ACME_BANK.isWorkingTime(at(LocalDateTime.parse("2026-12-21T17:59"), PARIS))).isTrue();
        assertThat(ACME_BANK.isWorkingTime(at(LocalDateTime.parse("2026-12-21T18:00"), PARIS))).as("closing").isFalse();
        assertThat(ACME_BANK.isWorkingTime(at(LocalDateTime.parse("2026-12-19T10:00"), PARIS))).as("Saturday").isFalse();
        assertThat(ACME_BANK.isWorkingTime(at(LocalDateTime.parse("2026-12-25T10:00"), PARIS))).as("Christmas").isFalse();
        assertThat(NOVA_FOODS.isWorkingTime(at(LocalDateTime.parse("2026-11-26T10:00"), NEW_YORK))).as("Thanksgiving").isFalse();
        assertThat(NOVA_FOODS.isWorkingTime(at(LocalDateTime.parse("2027-07-05T10:00"), NEW_YORK))).as("4 July observed").isFalse();
        assertThat(NOVA_FOODS.isWorkingTime(at(LocalDateTime.parse("2027-07-06T10:00"), NEW_YORK))).isTrue();

        // one instant, two zones: 09:30 in Paris is 03:30 in New York
        Instant instant = Instant.parse("2026-12-21T08:30:00Z");
        assertThat(ACME_BANK.isWorkingTime(instant)).isTrue();
        assertThat(NOVA_FOODS.isWorkingTime(instant)).isFalse();
    }

    /** What jollyday 1.5.0's US calendar says about Independence Day 2027, a Sunday: the holiday is the Monday. */
    @Test
    void theUsIndependenceDayOnASundayIsKeptOnMonday() {
        assertThat(NOVA_FOODS.isPublicHoliday(LocalDate.of(2027, 7, 5))).isTrue();
        assertThat(NOVA_FOODS.isPublicHoliday(LocalDate.of(2027, 7, 4))).isFalse();
        assertThat(NOVA_FOODS.isWorkingDay(LocalDate.of(2027, 7, 5))).isFalse();
        // and 4 July 2026, a Saturday, is kept on Friday 3 July
        assertThat(NOVA_FOODS.isPublicHoliday(LocalDate.of(2026, 7, 3))).isTrue();
    }

    @Test
    void onlyTheCountrysPublicHolidaysAreSkipped() {
        assertThat(ACME_BANK.isPublicHoliday(LocalDate.of(2026, 12, 25))).isTrue();
        assertThat(ACME_BANK.isPublicHoliday(LocalDate.of(2026, 12, 26))).as("26 December: Bas-Rhin and Haut-Rhin only").isFalse();
        assertThat(ACME_BANK.isPublicHoliday(LocalDate.of(2026, 11, 26))).as("Thanksgiving").isFalse();
        assertThat(NOVA_FOODS.isPublicHoliday(LocalDate.of(2026, 7, 14))).as("14 July").isFalse();

        BusinessCalendar noHolidays = BusinessCalendar.of(PARIS, WorkingHours.DEFAULT, null);
        assertThat(noHolidays.plus(at(LocalDateTime.parse("2026-12-24T17:00"), PARIS), Duration.ofHours(2)).atZone(PARIS))
                .isEqualTo(LocalDateTime.parse("2026-12-25T10:00").atZone(PARIS));
    }

    @Test
    void otherWorkingHoursAreRespected() {
        BusinessCalendar shortWeek = BusinessCalendar.of(PARIS, WorkingHours.parse("MON,TUE,THU 08:30-17:00"), "FR");

        // Tuesday 16:00 + 2 h: one hour on Tuesday, Wednesday is off, Thursday from 08:30
        assertThat(shortWeek.plus(at(LocalDateTime.parse("2026-12-15T16:00"), PARIS), Duration.ofHours(2)).atZone(PARIS))
                .isEqualTo(LocalDateTime.parse("2026-12-17T09:30").atZone(PARIS));
    }

    @Test
    void aBrandsCalendarIsItsZoneHoursAndCountry() {
        Brand brand = Brand.create("calendar-brand", "Calendar brand", PARIS, false, false, List.of("x"), List.of(), List.of());
        brand.changeCalendar(WorkingHours.DEFAULT, "fr");

        BusinessCalendar calendar = BusinessCalendar.of(brand);

        assertThat(calendar.zone()).isEqualTo(PARIS);
        assertThat(calendar.workingHours()).isEqualTo(WorkingHours.DEFAULT);
        assertThat(calendar.holidayCountry()).isEqualTo("FR");
        assertThat(calendar.plus(at(LocalDateTime.parse("2026-12-24T17:00"), PARIS), Duration.ofHours(2)).atZone(PARIS))
                .isEqualTo(LocalDateTime.parse("2026-12-28T10:00").atZone(PARIS));
        // a brand as created: default hours, no holidays
        BusinessCalendar plain = BusinessCalendar.of(Brand.create("plain", "Plain", NEW_YORK, false, false, List.of("x"),
                List.of(), List.of()));
        assertThat(plain.holidayCountry()).isNull();
        assertThat(plain.isWorkingDay(LocalDate.of(2026, 11, 26))).isTrue();
    }

    @Test
    void anUnknownHolidayCountryIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> BusinessCalendar.of(PARIS, WorkingHours.DEFAULT, "ZZ"))
                .withMessageContaining("\"ZZ\"");
        assertThatIllegalArgumentException().isThrownBy(() -> BusinessCalendar.of(PARIS, WorkingHours.DEFAULT, "TARGET"));
    }

    private static Instant at(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
