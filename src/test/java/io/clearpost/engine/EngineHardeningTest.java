package io.clearpost.engine;

import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.TaskQuery;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.Serializable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineHardeningTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    /** A type outside the engine's deserialization allow list. */
    record Smuggled(String payload) implements Serializable {
    }

    @Test
    void aModelWithAScriptTaskIsNotDeployed() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("Process_Scripted")
                .operatonHistoryTimeToLive(1)
                .startEvent()
                .scriptTask().scriptFormat("javascript").scriptText("java.lang.System.exit(1)")
                .endEvent()
                .done();
        long before = repository.createDeploymentQuery().count();

        assertThatThrownBy(() -> repository.createDeployment().addModelInstance("scripted.bpmn", model).deploy())
                .hasStackTraceContaining("runs no scripts");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("Process_Scripted").count()).isZero();
    }

    @Test
    void aModelWithAScriptListenerIsNotDeployed() {
        String model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
                  <bpmn:process id="Process_ScriptListener" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="Event_Start">
                      <bpmn:extensionElements>
                        <camunda:executionListener event="start">
                          <camunda:script scriptFormat="javascript">1 + 1</camunda:script>
                        </camunda:executionListener>
                      </bpmn:extensionElements>
                    </bpmn:startEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """;

        assertThatThrownBy(() -> repository.createDeployment().addString("listener.bpmn", model).deploy())
                .hasStackTraceContaining("runs no scripts");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("Process_ScriptListener").count())
                .isZero();
    }

    @Test
    void objectsOutsideTheAllowListAreNotDeserialized() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("Process_Wait")
                .operatonHistoryTimeToLive(1)
                .startEvent().userTask("Task_Wait").endEvent().done();
        repository.createDeployment().addModelInstance("wait.bpmn", model).deploy();
        ProcessInstance instance = runtime.startProcessInstanceByKey("Process_Wait");
        runtime.setVariable(instance.getId(), "smuggled", new Smuggled("x"));

        assertThatThrownBy(() -> runtime.getVariable(instance.getId(), "smuggled"))
                .hasStackTraceContaining("filter status: REJECTED");
        runtime.deleteProcessInstance(instance.getId(), "test done");
    }

    @Test
    void storedQueriesAndAdHocQueriesRefuseExpressions() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.isEnableExpressionsInStoredQueries()).isFalse();
        assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();

        TaskQuery withExpression = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
        assertThatThrownBy(withExpression::list).hasStackTraceContaining("Expressions are forbidden");
    }
}
