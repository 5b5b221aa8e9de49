package io.clearpost.task;

import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.tenancy.Users;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second wall around a brand's tasks: behind the service's own brand check, the engine itself is
 * called as the caller with their brands as tenants, so it refuses another brand's task.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineTenantCheckTest {

    @LocalServerPort
    int port;

    @Autowired
    Tasks tasks;

    @Autowired
    Users users;

    @Autowired
    TaskService engineTasks;

    @Test
    void theEngineRefusesATaskOfABrandTheCallerDoesNotBelongTo() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"))
                .contentId();
        String taskId = flow.task("cleo", "create-content", contentId).path("id").asText();

        // nina works for nova-foods only; the service's check (404) is bypassed on purpose
        assertThatThrownBy(() -> tasks.completeInEngine(users.load("nina"), taskId, Map.of()))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("tenant");

        assertThat(engineTasks.createTaskQuery().taskId(taskId).singleResult()).as("the task is still open")
                .isNotNull();
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("IN_CREATION");
    }
}
