package io.clearpost.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.MailServer;
import io.clearpost.support.MailTestContext;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mails that follow a task and a post, end to end through SMTP (GreenMail): a draft sent back reaches its
 * creative with the reviewer's comment (one mail, with the link of the new task); a legal review at risk reminds
 * acme-bank's legal team; a late legal review of acme-bank is escalated to the roles sla-policy.dmn names (its
 * strategist, and the administrators, since acme-bank has no brand manager), while the task stays with lea's team,
 * which is reminded that it is overdue; a published deliverable tells the strategist the URL of each platform's post.
 */
@MailTestContext
class FollowUpMailTest {

    @LocalServerPort
    int port;

    @Autowired
    ManagementService management;

    @Autowired
    TaskService engineTasks;

    @BeforeEach
    void smtp() {
        MailServer.start();
    }

    @Test
    void aDraftSentBackReachesTheCreativeWithTheReviewersComment() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        flow.review("sam", "review-content", contentId, "REQUEST_CHANGES");
        JsonNode redraft = flow.task("cleo", "create-content", contentId);
        String link = "https://clearpost.test/api/tasks/" + redraft.path("id").asText();

        MimeMessage mail = MailServer.await("cleo@acme-bank.example", m -> MailServer.text(m).contains(link));

        assertThat(MailServer.subject(mail)).startsWith("acme-bank: Create the content was sent back to you, due ");
        assertThat(MailServer.text(mail)).contains("your content in acme-bank was sent back to you: "
                + "sam (review-content) requested changes: by sam", "Open it: " + link);
        assertThat(MailServer.body(mail, true)).as("the HTML part, with the task's details")
                .contains("requested changes: by sam", "<code>create-content</code>", "<a href=\"" + link + "\">");
        assertThat(MailServer.to("cleo@acme-bank.example")).as("one mail for the new task, not an assignment too")
                .filteredOn(m -> MailServer.text(m).contains(link)).hasSize(1);
    }

    @Test
    void aLateLegalReviewIsEscalatedToTheStrategistAndTheAdministrators() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();
        JsonNode task = flow.task("lea", "legal-review", contentId);
        String taskId = task.path("id").asText();
        var engineTask = engineTasks.createTaskQuery().taskId(taskId).singleResult();
        Job late = management.createJobQuery().processInstanceId(engineTask.getProcessInstanceId())
                .activityId("Event_LegalReviewLate").singleResult();
        assertThat(late.getDuedate()).isEqualTo(engineTask.getDueDate());

        String link = "https://clearpost.test/api/tasks/" + taskId;

        // the at-risk point has come: the job executor fires the timer, and lea's team is reminded
        Job atRisk = management.createJobQuery().processInstanceId(engineTask.getProcessInstanceId())
                .activityId("Event_LegalReviewAtRisk").singleResult();
        management.setJobDuedate(atRisk.getId(), new Date());
        MimeMessage reminder = MailServer.await("lea@acme-bank.example",
                m -> MailServer.text(m).contains(link) && MailServer.subject(m).contains("is due soon"));
        assertThat(MailServer.text(reminder)).contains("reached its at-risk point and is still open",
                "nobody of your team (legal) has claimed it yet", "Open it: " + link);

        // the due time has come: the job executor fires the timer
        management.setJobDuedate(late.getId(), new Date());

        MimeMessage toSam = MailServer.await("sam@agency.example",
                m -> MailServer.text(m).contains(link) && MailServer.subject(m).contains("escalated"));
        assertThat(MailServer.subject(toSam)).startsWith("acme-bank: Review legally is late and escalated to you, due ");
        assertThat(MailServer.text(toSam)).contains("Hello sam", "escalated to you as strategist",
                "It stays with its candidate groups (acme-bank:legal), unclaimed",
                "Task:     Review legally (legal-review)", "Open it: " + link);
        MimeMessage toRoot = MailServer.await("root@clearpost.example",
                m -> MailServer.text(m).contains(link) && MailServer.subject(m).contains("escalated"));
        assertThat(MailServer.text(toRoot)).as("nobody is acme-bank's brand manager: the administrators hear of it")
                .contains("escalated to you as brand-manager");

        JsonNode detail = flow.taskDetail("lea", taskId);
        assertThat(detail.path("escalations")).hasSize(1);
        assertThat(detail.path("escalations").get(0).path("to").toString()).isEqualTo("[\"brand-manager\",\"strategist\"]");
        assertThat(detail.path("assignee").isNull()).as("escalation does not take the task away").isTrue();
        assertThat(MailServer.to("lea@acme-bank.example")).as("lea is not escalated to")
                .noneMatch(m -> MailServer.subject(m).contains("escalated"));
        MimeMessage overdue = MailServer.await("lea@acme-bank.example",
                m -> MailServer.text(m).contains(link) && MailServer.subject(m).contains("is overdue"));
        assertThat(MailServer.text(overdue)).as("whoever may do the task is reminded again, now overdue")
                .contains("is past its due date and is still open", "nobody of your team (legal) has claimed it yet");
    }

    @Test
    void aPublishedDeliverableTellsTheStrategistTheUrlOfEachPost() {
        Api sam = Api.as(port, "sam");
        assertThat(sam.put("/api/me/notifications", Map.of("POST_PUBLISHED", "IMMEDIATE")).status()).isEqualTo(200);
        try {
            Lifecycle flow = Lifecycle.on(port);
            String contentId = flow.submit("sam", Briefs.openNow(
                    Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"))).contentId();
            flow.createContent("cleo", contentId, Map.of("linkedin", Lifecycle.acmeText("linkedin")));
            flow.review("sam", "review-content", contentId, "APPROVE");
            flow.review("lea", "legal-review", contentId, "APPROVE");
            flow.schedule("sam", contentId, Lifecycle.secondsFromNow(1, "Europe/Paris"));
            JsonNode published = flow.awaitStatus("sam", contentId, "PUBLISHED");
            String url = published.path("publications").get(0).path("url").asText();
            assertThat(url).startsWith("http");

            MimeMessage mail = MailServer.await("sam@agency.example",
                    m -> MailServer.text(m).contains("https://clearpost.test/api/content/" + contentId));
            assertThat(MailServer.subject(mail)).startsWith("acme-bank: Published: ");
            assertThat(MailServer.text(mail)).contains("is published:", "linkedin: " + url);
            assertThat(MailServer.to("cleo@acme-bank.example")).as("cleo keeps the default: the digest")
                    .noneMatch(m -> MailServer.text(m).contains("/api/content/" + contentId));
        } finally {
            sam.put("/api/me/notifications", Map.of("POST_PUBLISHED", "DIGEST"));
        }
    }
}
