package io.clearpost.engine;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In production the engine only checks its tables; elsewhere it creates them; an explicit setting wins. */
class ProductionEngineDefaultsTest {

    @Test
    void productionChecksTheSchemaInsteadOfChangingIt() {
        assertThat(schemaUpdate(Map.of("clearpost.production", "true"))).isEqualTo("false");
    }

    @Test
    void theEmbeddedDefaultCreatesAndUpgradesTheSchema() {
        assertThat(schemaUpdate(Map.of())).isEqualTo("true");
        assertThat(schemaUpdate(Map.of("clearpost.production", "false"))).isEqualTo("true");
    }

    @Test
    void theOperatorsExplicitSettingWins() {
        assertThat(schemaUpdate(Map.of("clearpost.production", "true", ProductionEngineDefaults.SCHEMA_UPDATE, "true")))
                .as("a first install or an upgrade").isEqualTo("true");
    }

    private static String schemaUpdate(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new ProductionEngineDefaults().postProcessEnvironment(environment, null);
        return environment.getProperty(ProductionEngineDefaults.SCHEMA_UPDATE);
    }
}
