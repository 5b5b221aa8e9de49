package io.clearpost.ops;

import io.clearpost.support.ProductionSettings;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * With {@code clearpost.production=true}, the data source is checked the moment it exists, before Flyway
 * or the engine write a single table: an embedded database (H2, HSQLDB, Derby) stops the start.
 * A bean post-processor runs before the configuration-properties beans exist, so it binds the setting itself.
 */
@Component
class EmbeddedDatabaseGuard implements BeanPostProcessor, EnvironmentAware {

    private static final Set<String> EMBEDDED = Set.of("H2", "HSQL Database Engine", "Apache Derby");

    private boolean production;

    @Override
    public void setEnvironment(Environment environment) {
        production = Binder.get(environment).bind("clearpost", ProductionSettings.class)
                .map(ProductionSettings::production).orElse(false);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (production && bean instanceof DataSource dataSource) {
            String product = productName(dataSource);
            if (EMBEDDED.contains(product)) {
                throw new IllegalStateException("clearpost.production=true but the database is the embedded " + product
                        + ": set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to a MariaDB 10.11+ database");
            }
        }
        return bean;
    }

    static String productName(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to check it is not embedded", e);
        }
    }
}
