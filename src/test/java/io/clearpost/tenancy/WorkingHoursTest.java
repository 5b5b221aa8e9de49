package io.clearpost.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingHoursTest {

    @Test
    void theDefaultIsMondayToFridayNineToSix() {
        assertThat(WorkingHours.DEFAULT.days()).containsExactly(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
        assertThat(WorkingHours.DEFAULT.from()).isEqualTo(LocalTime.of(9, 0));
        assertThat(WorkingHours.DEFAULT.to()).isEqualTo(LocalTime.of(18, 0));
        assertThat(WorkingHours.DEFAULT).hasToString("MON-FRI 09:00-18:00");
        assertThat(WorkingHours.parse("MON-FRI 09:00-18:00")).isEqualTo(WorkingHours.DEFAULT);
    }

    @Test
    void aCommaListNamesSingleDays() {
        WorkingHours hours = WorkingHours.parse("MON,TUE,THU 08:30-17:00");

        assertThat(hours.days()).containsExactly(MONDAY, TUESDAY, THURSDAY);
        assertThat(hours.from()).isEqualTo(LocalTime.of(8, 30));
        assertThat(hours.to()).isEqualTo(LocalTime.of(17, 0));
        assertThat(hours.isWorkingDay(WEDNESDAY)).isFalse();
        assertThat(hours.isWorkingDay(THURSDAY)).isTrue();
        assertThat(hours).hasToString("MON,TUE,THU 08:30-17:00");
    }

    @ParameterizedTest(name = "\"{0}\" reads as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            MON-FRI 09:00-18:00          | MON-FRI 09:00-18:00
            mon-fri 09:00-18:00          | MON-FRI 09:00-18:00
            '  MON-FRI   09:00 - 18:00 ' | MON-FRI 09:00-18:00
            MON,TUE,WED,THU,FRI 09:00-18:00 | MON-FRI 09:00-18:00
            FRI,MON 10:00-16:00          | MON,FRI 10:00-16:00
            MON-WED,FRI 09:00-17:00      | MON-WED,FRI 09:00-17:00
            SUN-THU 08:00-17:00          | MON-THU,SUN 08:00-17:00
            SAT 10:00-12:00              | SAT 10:00-12:00
            MON-SUN 00:00-23:59          | MON-SUN 00:00-23:59
            """)
    void theTextFormIsCanonical(String text, String canonical) {
        WorkingHours hours = WorkingHours.parse(text);

        assertThat(hours).hasToString(canonical);
        assertThat(WorkingHours.parse(hours.toString())).isEqualTo(hours);
    }

    @Test
    void aRangeMayWrapPastSunday() {
        assertThat(WorkingHours.parse("SUN-THU 08:00-17:00").days())
                .containsExactlyInAnyOrder(SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY);
        assertThat(WorkingHours.parse("FRI-MON 08:00-17:00").days())
                .containsExactlyInAnyOrder(FRIDAY, SATURDAY, SUNDAY, MONDAY);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {
            "MON-FRI 18:00-09:00", "MON-FRI 09:00-09:00",      // from >= to
            "MON-FRI", "09:00-18:00", "MON-FRI 9:00-18:00",    // missing or short parts
            "MON-FRI 09:00-24:00", "MON-FRI 09:00-18:60",      // not a time of day
            "MONDAY-FRIDAY 09:00-18:00", "XYZ 09:00-18:00",    // not a day
            "MON-TUE-WED 09:00-18:00", "MON,,FRI 09:00-18:00", ",MON 09:00-18:00",
            "MON-FRI,WED 09:00-18:00",                         // a day twice
            "MON-FRI 09:00-18:00 extra", "garbage", "", "   "})
    void badTextIsRefusedWithAMessageNamingIt(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse(text))
                .withMessageContaining("working hours");
    }

    @Test
    void theMessagesSayWhatIsWrong() {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse("MON-FRI 18:00-09:00"))
                .withMessage("working hours \"MON-FRI 18:00-09:00\" must end after they start");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse("MON-FRX 09:00-18:00"))
                .withMessageContaining("\"FRX\" is not a day");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse("garbage"))
                .withMessageContaining("\"garbage\"").withMessageContaining("MON-FRI 09:00-18:00");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse(null))
                .withMessageContaining("missing");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse("MON-FRI 09:00-25:00"))
                .withMessageContaining("\"25:00\" is not a time of day");
    }

    @Test
    void noDaysAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WorkingHours(Set.of(), LocalTime.of(9, 0), LocalTime.of(18, 0)))
                .withMessageContaining("at least one working day");
    }

    @Test
    void timesAreWholeMinutesSoTheTextFormHoldsThemExactly() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WorkingHours(Set.of(MONDAY), LocalTime.of(9, 0, 30), LocalTime.of(18, 0)))
                .withMessageContaining("whole minutes");
    }

    @Test
    void theDaysCannotBeChangedFromOutside() {
        Set<DayOfWeek> days = EnumSet.of(MONDAY);
        WorkingHours hours = new WorkingHours(days, LocalTime.of(9, 0), LocalTime.of(18, 0));
        days.add(SATURDAY);

        assertThat(hours.days()).containsExactly(MONDAY);
        assertThatThrownBy(() -> hours.days().add(SUNDAY)).isInstanceOf(UnsupportedOperationException.class);
    }
}
