package io.clearpost.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.clearpost.ClearpostApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A production start on the embedded database is refused before anything is written; the embedded
 * default and a real server pass. Real databases throughout: an in-memory H2, and the suite's own
 * database (the MariaDB of {@code ./mvnw verify -Pmariadb}).
 */
class EmbeddedDatabaseGuardTest {

    @Test
    void productionRefusesToStartOnH2() {
        assertThatThrownBy(() -> SpringApplication.run(ClearpostApplication.class,
                "--clearpost.production=true",
                // without the demo profile, which production refuses first (DemoProfileGuardTest)
                "--spring.profiles.active=test",
                "--spring.main.web-application-type=none",
                // whatever database the suite runs on (the mariadb profile names its driver)
                "--spring.datasource.url=jdbc:h2:mem:clearpost-guard;DB_CLOSE_DELAY=-1",
                "--spring.datasource.driver-class-name=org.h2.Driver",
                "--spring.datasource.username=sa",
                "--spring.datasource.password="))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("clearpost.production=true but the database is the embedded H2"));
    }

    @Test
    void theEmbeddedDefaultAcceptsH2AndProductionRefusesIt() {
        try (HikariDataSource h2 = dataSource("jdbc:h2:mem:clearpost-guard-direct", "sa")) {
            assertThat(guard(false).postProcessAfterInitialization(h2, "dataSource")).isSameAs(h2);
            assertThatThrownBy(() -> guard(true).postProcessAfterInitialization(h2, "dataSource"))
                    .hasMessageContaining("embedded H2").hasMessageContaining("SPRING_DATASOURCE_URL");
        }
    }

    /** The suite's own database: refused in production on H2 ({@code ./mvnw verify}), accepted on MariaDB ({@code -Pmariadb}). */
    @Test
    void productionAcceptsTheServerDatabaseOfTheMariaDbSuite() {
        String url = System.getProperty("spring.datasource.url", "jdbc:h2:mem:clearpost-guard-suite");
        boolean server = url.startsWith("jdbc:mariadb:");
        try (HikariDataSource suite = dataSource(url, server ? "root" : "sa")) {
            if (server) {
                assertThat(guard(true).postProcessAfterInitialization(suite, "dataSource")).isSameAs(suite);
            } else {
                assertThatThrownBy(() -> guard(true).postProcessAfterInitialization(suite, "dataSource"))
                        .hasMessageContaining("embedded H2");
            }
        }
    }

    @Test
    void beansThatAreNoDataSourcePassUntouched() {
        Object bean = new Object();
        assertThat(guard(true).postProcessAfterInitialization(bean, "anything")).isSameAs(bean);
    }

    private static EmbeddedDatabaseGuard guard(boolean production) {
        EmbeddedDatabaseGuard guard = new EmbeddedDatabaseGuard();
        guard.setEnvironment(new MockEnvironment().withProperty("clearpost.production", Boolean.toString(production)));
        return guard;
    }

    private static HikariDataSource dataSource(String url, String user) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(1);
        return dataSource;
    }
}
