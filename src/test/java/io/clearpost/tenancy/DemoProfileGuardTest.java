package io.clearpost.tenancy;

import io.clearpost.ClearpostApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A production start with the demo profile is refused before anything is created, whether the profile is
 * named or is the default; production without it gets past this check (and, on H2, stops at the embedded
 * database guard instead).
 */
class DemoProfileGuardTest {

    private static final String[] H2 = {
            "--spring.main.web-application-type=none",
            "--spring.datasource.url=jdbc:h2:mem:clearpost-demo-guard;DB_CLOSE_DELAY=-1",
            "--spring.datasource.driver-class-name=org.h2.Driver",
            "--spring.datasource.username=sa",
            "--spring.datasource.password="};

    @Test
    void productionRefusesTheDemoProfile() {
        assertThatThrownBy(() -> run("--clearpost.production=true", "--spring.profiles.active=demo,test"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("clearpost.production=true but the demo profile is active"));
    }

    @Test
    void productionRefusesTheDemoProfileAlsoAsTheDefault() {
        // no active profile: application.yaml's default (demo) applies
        assertThatThrownBy(() -> run("--clearpost.production=true", "--spring.profiles.active="))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("the demo profile is active"));
    }

    @Test
    void productionWithoutTheDemoProfileGetsPastThisCheck() {
        assertThatThrownBy(() -> run("--clearpost.production=true", "--spring.profiles.active=test"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .doesNotContain("demo profile")
                        .contains("clearpost.production=true but the database is the embedded H2"));
    }

    private static void run(String... args) {
        String[] all = new String[H2.length + args.length];
        System.arraycopy(H2, 0, all, 0, H2.length);
        System.arraycopy(args, 0, all, H2.length, args.length);
        SpringApplication.run(ClearpostApplication.class, all).close();
    }
}
