package io.clearpost.tenancy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A brand's business calendar goes through BrandRepository and V7__brand_calendar.sql and comes back as it was
 * set; the demo brands have theirs, also when they were stored by a version without calendars.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrandCalendarTest {

    @Autowired
    BrandRepository brands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoData demoData;

    @Test
    void aCalendarIsSavedAndReadBack() {
        Brand brand = newBrand("calendar");
        brand.changeCalendar(WorkingHours.parse("MON,TUE,THU 08:30-17:00"), "de");
        brands.save(brand);

        Brand read = brands.findById(brand.id()).orElseThrow();

        assertThat(read.workingHours()).isEqualTo(WorkingHours.parse("MON,TUE,THU 08:30-17:00"));
        assertThat(read.holidayCountry()).isEqualTo("DE");
        assertThat(jdbc.queryForMap("SELECT working_hours, holiday_country FROM brand WHERE id = ?", brand.id()))
                .containsEntry("working_hours", "MON,TUE,THU 08:30-17:00")
                .containsEntry("holiday_country", "DE");
    }

    @Test
    void aCalendarCanBeChangedAndTheHolidaysDropped() {
        Brand brand = newBrand("calendar");
        brand.changeCalendar(WorkingHours.DEFAULT, "FR");
        brands.save(brand);

        Brand stored = brands.findById(brand.id()).orElseThrow();
        stored.changeCalendar(WorkingHours.parse("SUN-THU 08:00-17:00"), null);
        brands.save(stored);

        Brand read = brands.findById(brand.id()).orElseThrow();
        assertThat(read.workingHours()).hasToString("MON-THU,SUN 08:00-17:00");
        assertThat(read.holidayCountry()).isNull();
    }

    @Test
    void aNewBrandHasTheDefaultCalendar() {
        Brand brand = newBrand("calendar");
        brands.save(brand);

        Brand read = brands.findById(brand.id()).orElseThrow();

        assertThat(read.workingHours()).isEqualTo(WorkingHours.DEFAULT);
        assertThat(read.holidayCountry()).isNull();
    }

    @Test
    void aBrandStoredBeforeCalendarsExistedHasTheDefaultHoursAndNoHolidays() {
        String id = "pre-calendar-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("INSERT INTO brand (id, name, time_zone, regulated, client_sign_off, platforms, mandatory_mentions,"
                + " banned_terms, frozen, version) VALUES (?, 'Old brand', 'Europe/Paris', FALSE, FALSE, '[\"x\"]', '[]', '[]',"
                + " FALSE, 0)", id);

        Brand read = brands.findById(id).orElseThrow();

        assertThat(read.workingHours()).isEqualTo(WorkingHours.DEFAULT);
        assertThat(read.holidayCountry()).isNull();
    }

    @Test
    void onlyACountryWithAHolidayCalendarIsTaken() {
        Brand brand = newBrand("calendar");

        assertThatIllegalArgumentException().isThrownBy(() -> brand.changeCalendar(WorkingHours.DEFAULT, "ZZ"))
                .withMessageContaining("\"ZZ\"");
        assertThatIllegalArgumentException().isThrownBy(() -> brand.changeCalendar(WorkingHours.DEFAULT, "FRA"));
        assertThatIllegalArgumentException().isThrownBy(() -> brand.changeCalendar(WorkingHours.DEFAULT, "NYSE"));
        assertThatIllegalArgumentException().isThrownBy(() -> brand.changeCalendar(WorkingHours.DEFAULT, ""));
        assertThat(brand.holidayCountry()).as("unchanged by a refused change").isNull();
        assertThat(brand.workingHours()).isEqualTo(WorkingHours.DEFAULT);
    }

    @Test
    void theDemoBrandsHaveTheirCalendars() {
        Brand acme = brands.findById("acme-bank").orElseThrow();
        Brand nova = brands.findById("nova-foods").orElseThrow();

        assertThat(acme.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(acme.workingHours()).hasToString("MON-FRI 09:00-18:00");
        assertThat(acme.holidayCountry()).isEqualTo("FR");
        assertThat(nova.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(nova.workingHours()).hasToString("MON-FRI 09:00-18:00");
        assertThat(nova.holidayCountry()).isEqualTo("US");
    }

    /** A ./data database from before V7: the migration gave the demo brand the default hours and no country. */
    @Test
    void aDemoBrandFromAnEarlierVersionGetsItsHolidayCountryOnce() {
        jdbc.update("UPDATE brand SET holiday_country = NULL WHERE id = 'nova-foods'");

        demoData.create();

        assertThat(brands.findById("nova-foods").orElseThrow().holidayCountry()).isEqualTo("US");
        Long version = jdbc.queryForObject("SELECT version FROM brand WHERE id = 'nova-foods'", Long.class);

        demoData.create();

        assertThat(jdbc.queryForObject("SELECT version FROM brand WHERE id = 'nova-foods'", Long.class))
                .as("a second start changes nothing").isEqualTo(version);
        assertThat(brands.findById("nova-foods").orElseThrow().workingHours()).isEqualTo(WorkingHours.DEFAULT);
    }

    private static Brand newBrand(String prefix) {
        return Brand.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), "Test brand", ZoneId.of("Europe/Paris"),
                false, false, List.of("x"), List.of(), List.of());
    }
}
