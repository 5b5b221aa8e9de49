package io.clearpost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.operaton.bpm.engine.repository.DeploymentBuilder;

/** Smoke test: every model deploys on a plain in-memory engine (no Spring, no delegates needed). */
class ModelDeploymentTest {

    private static final List<String> MODELS = List.of(
            "brief.bpmn", "creation.bpmn", "legal-validation.bpmn", "scheduling.bpmn", "publication.bpmn",
            "approval-routing.dmn", "sla-policy.dmn");

    private ProcessEngine engine;
    private final List<InputStream> streams = new ArrayList<>();

    @BeforeEach
    void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("models");
        configuration.setJdbcUrl("jdbc:h2:mem:models;DB_CLOSE_DELAY=-1");
        configuration.setJavaSerializationFormatEnabled(true);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setDatabaseSchemaUpdate("create-drop");
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
    }

    @AfterEach
    void closeEngine() throws IOException {
        for (InputStream stream : streams) {
            stream.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyModelDeploys() throws IOException {
        RepositoryService repository = engine.getRepositoryService();
        DeploymentBuilder deployment = repository.createDeployment().name("clearpost-models");
        for (String model : MODELS) {
            InputStream stream = Files.newInputStream(Path.of("processes", model));
            streams.add(stream);
            deployment.addInputStream(model, stream);
        }
        deployment.deploy();

        assertThat(repository.createProcessDefinitionQuery().list())
                .extracting("key")
                .containsExactlyInAnyOrder("brief", "creation", "legal-validation", "scheduling", "publication");
        assertThat(repository.createDecisionDefinitionQuery().list())
                .extracting("key")
                .containsExactlyInAnyOrder("approval-routing", "brief-sign-off", "sla-policy");
    }
}
