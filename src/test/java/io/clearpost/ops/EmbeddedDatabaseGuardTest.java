package io.clearpost.ops;

import io.clearpost.ClearpostApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.env.MockEnvironment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class EmbeddedDatabaseGuardTest {

    @Test
    void productionRefusesToStartOnH2() {
        assertThatThrownBy(() -> SpringApplication.run(ClearpostApplication.class,
                "--clearpost.production=true",
                "--spring.main.web-application-type=none",
                "--spring.datasource.url=jdbc:h2:mem:clearpost-guard;DB_CLOSE_DELAY=-1"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("clearpost.production=true but the database is the embedded H2"));
    }

    @Test
    void productionAcceptsMariaDbAndTheEmbeddedDefaultAcceptsH2() throws Exception {
        DataSource mariadb = dataSource("MariaDB");
        DataSource h2 = dataSource("H2");
        assertThat(guard(true).postProcessAfterInitialization(mariadb, "dataSource")).isSameAs(mariadb);
        assertThat(guard(false).postProcessAfterInitialization(h2, "dataSource")).isSameAs(h2);
        assertThatThrownBy(() -> guard(true).postProcessAfterInitialization(h2, "dataSource"))
                .hasMessageContaining("SPRING_DATASOURCE_URL");
    }

    private static EmbeddedDatabaseGuard guard(boolean production) {
        EmbeddedDatabaseGuard guard = new EmbeddedDatabaseGuard();
        guard.setEnvironment(new MockEnvironment().withProperty("clearpost.production", Boolean.toString(production)));
        return guard;
    }

    private static DataSource dataSource(String product) throws Exception {
        DataSource dataSource = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        DatabaseMetaData metaData = mock(DatabaseMetaData.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.getMetaData()).thenReturn(metaData);
        when(metaData.getDatabaseProductName()).thenReturn(product);
        return dataSource;
    }
}
