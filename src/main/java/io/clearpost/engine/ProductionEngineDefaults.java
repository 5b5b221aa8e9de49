package io.clearpost.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Who manages the engine's tables. Outside production the engine creates and upgrades them at start-up
 * ({@code operaton.bpm.database.schema-update=true}), so {@code ./mvnw spring-boot:run} just works. With
 * {@code clearpost.production=true} it only checks them ({@code false}): the operator creates or upgrades
 * them explicitly, by one start with {@code OPERATON_BPM_DATABASE_SCHEMA_UPDATE=true} on first install and
 * after each upgrade (README, "Run it for a real organisation"). An explicit setting always wins.
 */
public class ProductionEngineDefaults implements EnvironmentPostProcessor {

    static final String SCHEMA_UPDATE = "operaton.bpm.database.schema-update";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(SCHEMA_UPDATE)) {
            return;
        }
        boolean production = environment.getProperty("clearpost.production", Boolean.class, false);
        environment.getPropertySources().addLast(new MapPropertySource("clearpost-engine-defaults",
                Map.of(SCHEMA_UPDATE, production ? "false" : "true")));
    }
}
