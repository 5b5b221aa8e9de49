package io.clearpost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.operaton.bpm.model.bpmn.instance.EndEvent;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.MessageEventDefinition;
import org.operaton.bpm.model.bpmn.instance.Process;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.bpmn.instance.UserTask;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.operaton.bpm.model.dmn.Dmn;
import org.operaton.bpm.model.dmn.DmnModelInstance;
import org.operaton.bpm.model.dmn.instance.Decision;
import org.operaton.bpm.model.xml.instance.ModelElementInstance;

/**
 * The conventions of STYLE.md ("Models are the documentation") that a machine can check:
 * one process per file named after its key, meaningful ids, a diagram for every element,
 * a form for every user task, the deadlines of sla-policy.dmn on every user task and a history time to live
 * everywhere (the engine enforces it).
 */
class ModelConventionsTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    // Models target Camunda Modeler (Camunda 7), so their extensions live in the camunda namespace.
    private static final String CAMUNDA_BPMN_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String CAMUNDA_DMN_NS = "http://camunda.org/schema/1.0/dmn";

    private static final Pattern ELEMENT_ID = Pattern.compile(
            "^(Event|Activity|Gateway|Flow|Process|Error|Message|Collaboration|BPMNDiagram|BPMNPlane)_[A-Z][A-Za-z0-9]*$");
    private static final Pattern USER_TASK_ID = Pattern.compile("^[a-z]+(-[a-z]+)*$");

    static List<Path> bpmnFiles() throws IOException {
        return files("*.bpmn");
    }

    static List<Path> dmnFiles() throws IOException {
        return files("*.dmn");
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void processIsValidAndNamedAfterItsFile(Path file) throws IOException {
        BpmnModelInstance model = readBpmn(file);
        Bpmn.validateModel(model);

        Collection<Process> processes = model.getModelElementsByType(Process.class);
        assertThat(processes).hasSize(1);
        Process process = processes.iterator().next();
        assertThat(process.getId()).isEqualTo(baseName(file));
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getAttributeValueNs(CAMUNDA_BPMN_NS, "historyTimeToLive"))
                .as("historyTimeToLive of %s", file).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyFlowNodeAndSequenceFlowIsDrawn(Path file) throws IOException {
        BpmnModelInstance model = readBpmn(file);
        Set<String> drawn = new java.util.HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));

        List<String> undrawn = new ArrayList<>();
        model.getModelElementsByType(FlowNode.class).forEach(node -> addIfMissing(undrawn, drawn, node));
        model.getModelElementsByType(SequenceFlow.class).forEach(flow -> addIfMissing(undrawn, drawn, flow));
        assertThat(undrawn).as("elements of %s without a shape or edge", file).isEmpty();
        assertThat(model.getModelElementsByType(BpmnDiagram.class)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void idsAreMeaningful(Path file) throws IOException {
        BpmnModelInstance model = readBpmn(file);
        List<String> badIds = new ArrayList<>();
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            String id = element.getId();
            if (id == null || element instanceof Process) {
                continue; // process id = file name, checked above; event definitions may go without id
            }
            Pattern expected = element instanceof UserTask ? USER_TASK_ID : ELEMENT_ID;
            if (!expected.matcher(id).matches()) {
                badIds.add(id);
            }
        }
        for (ModelElementInstance diagram : model.getModelElementsByType(BpmnDiagram.class)) {
            checkId(badIds, diagram.getAttributeValue("id"));
        }
        for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
            checkId(badIds, plane.getId());
        }
        // diagram elements are named after what they draw, as Camunda Modeler does
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            if (!shape.getId().equals(shape.getBpmnElement().getId() + "_di")) {
                badIds.add(shape.getId());
            }
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (!edge.getId().equals(edge.getBpmnElement().getId() + "_di")) {
                badIds.add(edge.getId());
            }
        }
        assertThat(badIds).as("ids of %s that break the naming convention", file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyUserTaskHasItsForm(Path file) throws IOException {
        BpmnModelInstance model = readBpmn(file);
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getAttributeValueNs(CAMUNDA_BPMN_NS, "formRef"))
                    .as("formRef of %s", task.getId()).isEqualTo(task.getId());
            assertThat(FORMS.resolve(task.getId() + ".form"))
                    .as("form of user task %s", task.getId()).isRegularFile();
        }
    }

    /**
     * Every user task carries the deadlines of sla-policy.dmn as two visible non-interrupting timers, each ending in
     * a message end event: "At risk" (timeDate) reminds the assignee, "Late" (timeCycle: due, then every reminder
     * interval) escalates the task to the role the policy names.
     */
    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyUserTaskHasItsSlaTimers(Path file) throws IOException {
        BpmnModelInstance model = readBpmn(file);
        List<String> problems = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String key = task.getId();
            String name = pascalCase(key);
            List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
                    .filter(event -> event.getAttachedTo() == task && !event.cancelActivity())
                    .filter(event -> !event.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                    .collect(Collectors.toList());
            assertThat(timers).as("non-interrupting boundary timers of %s in %s", key, file)
                    .extracting(BaseElement::getId)
                    .containsExactlyInAnyOrder("Event_" + name + "AtRisk", "Event_" + name + "Late");
            for (BoundaryEvent timer : timers) {
                boolean atRisk = timer.getId().endsWith("AtRisk");
                TimerEventDefinition definition = timer.getChildElementsByType(TimerEventDefinition.class).iterator().next();
                if (atRisk) {
                    check(problems, timer, "timeDate", definition.getTimeDate() == null ? null
                            : definition.getTimeDate().getTextContent().trim(), "${sla.atRisk(execution, '" + key + "')}");
                    check(problems, timer, "timeCycle", definition.getTimeCycle(), null);
                } else {
                    check(problems, timer, "timeCycle", definition.getTimeCycle() == null ? null
                            : definition.getTimeCycle().getTextContent().trim(), "${sla.lateCycle(execution, '" + key + "')}");
                    check(problems, timer, "timeDate", definition.getTimeDate(), null);
                }
                check(problems, timer, "timeDuration", definition.getTimeDuration(), null);
                check(problems, timer, "scope", timer.getParentElement(), task.getParentElement());

                List<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class).stream()
                        .filter(flow -> flow.getSource() == timer).collect(Collectors.toList());
                check(problems, timer, "outgoing flow", flows.stream().map(BaseElement::getId).collect(Collectors.toList()),
                        List.of("Flow_" + name + (atRisk ? "AtRisk" : "Late")));
                if (flows.size() != 1) {
                    continue;
                }
                FlowNode target = flows.get(0).getTarget();
                check(problems, timer, "end event", target.getId(), "Event_" + name + (atRisk ? "Reminded" : "Escalated"));
                check(problems, timer, "end event type", target instanceof EndEvent, true);
                check(problems, timer, "end event scope", target.getParentElement(), task.getParentElement());
                Collection<MessageEventDefinition> messages = target.getChildElementsByType(MessageEventDefinition.class);
                check(problems, timer, "message definitions of " + target.getId(), messages.size(), 1);
                String delegate = messages.isEmpty() ? null
                        : messages.iterator().next().getAttributeValueNs(CAMUNDA_BPMN_NS, "delegateExpression");
                check(problems, timer, "delegateExpression of " + target.getId(), delegate,
                        atRisk ? "${remindAssignee}" : "${escalateTask}");
            }
        }
        assertThat(problems).as("SLA timers of the user tasks of %s", file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dmnFiles")
    void everyDecisionKeepsHistory(Path file) throws IOException {
        DmnModelInstance model;
        try (InputStream in = Files.newInputStream(file)) {
            model = Dmn.readModelFromStream(in);
        }
        Dmn.validateModel(model);
        Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
        assertThat(decisions).as("decisions of %s", file).isNotEmpty();
        for (Decision decision : decisions) {
            assertThat(decision.getAttributeValueNs(CAMUNDA_DMN_NS, "historyTimeToLive"))
                    .as("historyTimeToLive of decision %s", decision.getId()).isNotBlank();
        }
    }

    private static void check(List<String> problems, BaseElement element, String what, Object actual, Object expected) {
        if (!java.util.Objects.equals(actual, expected)) {
            problems.add(element.getId() + ": " + what + " is " + actual + ", expected " + expected);
        }
    }

    private static String pascalCase(String key) {
        return java.util.Arrays.stream(key.split("-"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }

    private static void checkId(List<String> badIds, String id) {
        if (id == null || !ELEMENT_ID.matcher(id).matches()) {
            badIds.add(String.valueOf(id));
        }
    }

    private static void addIfMissing(List<String> undrawn, Set<String> drawn, BaseElement element) {
        if (!drawn.contains(element.getId())) {
            undrawn.add(element.getId());
        }
    }

    private static BpmnModelInstance readBpmn(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Bpmn.readModelFromStream(in);
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static List<Path> files(String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(PROCESSES, glob)) {
            stream.forEach(files::add);
        }
        assertThat(files).as("%s in %s", glob, PROCESSES).isNotEmpty();
        return files.stream().sorted().collect(Collectors.toList());
    }
}
