package io.clearpost.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.clearpost.support.Api;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the engine's job executor and the database, in the real application: the job
 * executor is stopped and started again, then the connection pool is closed (so the context is thrown away).
 * Runs on its own in-memory database, with the properties of StartWithoutDemoProfileTest (no demo profile).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=test",
        "spring.datasource.url=jdbc:h2:mem:clearpost-no-demo;DB_CLOSE_DELAY=-1",
        "clearpost.admin.user=ops-admin",
        "clearpost.admin.password=first-start-password"})
@DirtiesContext
class ReadinessTest {

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;

    @Autowired
    DataSource dataSource;

    @Autowired
    HealthEndpoint health;

    @Test
    void readinessIsDownWithoutJobExecutorOrDatabase() throws SQLException {
        Api anonymous = Api.anonymous(port);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        executor.shutdown();
        try {
            Api.Response down = anonymous.get("/actuator/health/readiness");
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
            Api.Response detailed = Api.as(port, "ops-admin", "first-start-password").get("/actuator/health/readiness");
            assertThat(detailed.json().path("components").path("jobExecutor").path("status").asText()).isEqualTo("DOWN");
            assertThat(detailed.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(anonymous.get("/actuator/health/liveness").status()).as("alive all the same").isEqualTo(200);
        } finally {
            executor.start();
        }
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

        dataSource.unwrap(HikariDataSource.class).close();

        Api.Response down = anonymous.get("/actuator/health/readiness");
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
        CompositeHealth readiness = (CompositeHealth) health.healthForPath("readiness");
        assertThat(readiness.getComponents().get("db").getStatus()).isEqualTo(Status.DOWN);
        assertThat(readiness.getComponents().get("jobExecutor").getStatus()).isEqualTo(Status.UP);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
