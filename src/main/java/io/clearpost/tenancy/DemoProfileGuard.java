package io.clearpost.tenancy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * A production deployment ({@code clearpost.production=true}) refuses the demo profile before anything starts:
 * its users have their names as passwords, and the demo profile is the default when no profile is set.
 */
public class DemoProfileGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean production = environment.getProperty("clearpost.production", Boolean.class, false);
        if (production && environment.acceptsProfiles(Profiles.of("demo"))) {
            throw new IllegalStateException("clearpost.production=true but the demo profile is active (its users have "
                    + "their names as passwords): set SPRING_PROFILES_ACTIVE without demo (e.g. mariadb); the demo "
                    + "profile is the default when no profile is set");
        }
    }
}
