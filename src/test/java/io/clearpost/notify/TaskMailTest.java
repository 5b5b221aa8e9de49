package io.clearpost.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.MailServer;
import io.clearpost.support.MailTestContext;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user task is announced by mail, end to end: the brief names cleo as creative, so cleo gets her
 * create-content task (TASK_ASSIGNED); a legal review waits for acme-bank's legal team, so lea hears of it
 * (TASK_AVAILABLE). Due dates are in the recipient's zone (both Paris), links point at the task.
 */
@MailTestContext
class TaskMailTest {

    @LocalServerPort
    int port;

    @BeforeEach
    void smtp() {
        MailServer.start();
    }

    @Test
    void theCreativeNamedOnABriefGetsTheAssignmentMail() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        var request = Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo");
        String title = (String) request.get("title");
        String contentId = flow.submit("sam", request).contentId();
        JsonNode task = flow.task("cleo", "create-content", contentId);
        String link = "https://clearpost.test/api/tasks/" + task.path("id").asText();

        MimeMessage mail = MailServer.await("cleo@acme-bank.example", m -> MailServer.text(m).contains(link));

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(MailServer.messageId(mail)).matches("<[0-9a-f-]{36}@clearpost>");
        String due = Notifications.TIME.format(ZonedDateTime.ofInstant(Instant.parse(task.path("dueAt").asText()),
                ZoneId.of("Europe/Paris")));
        assertThat(due).contains("(Europe/Paris)");
        assertThat(MailServer.subject(mail)).isEqualTo("acme-bank: Create the content is yours, due " + due);
        assertThat(MailServer.text(mail))
                .contains("Hello cleo (demo)", "a task in acme-bank was assigned to you", "Brief:    " + title,
                        "Task:     Create the content (create-content)", "Due:      " + due,
                        TaskAnnouncements.TO_DO.get("create-content"), "Open it: " + link);
        assertThat(MailServer.body(mail, true)).contains("<a href=\"" + link + "\">", title, due);
    }

    @Test
    void aLegalReviewIsAnnouncedToTheBrandsLegalTeam() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();
        JsonNode task = flow.task("lea", "legal-review", contentId);
        String link = "https://clearpost.test/api/tasks/" + task.path("id").asText();

        MimeMessage mail = MailServer.await("lea@acme-bank.example", m -> MailServer.text(m).contains(link));

        assertThat(MailServer.subject(mail)).startsWith("acme-bank: Review legally is waiting for your team, due ");
        assertThat(MailServer.text(mail)).contains("Hello lea (demo)", "someone of your team (legal)",
                "Task:     Review legally (legal-review)", TaskAnnouncements.TO_DO.get("legal-review"),
                "Claim it with POST " + link + "/claim");
        assertThat(MailServer.to("cora@acme-bank.example")).as("compliance is another team")
                .noneMatch(m -> MailServer.text(m).contains(link));
    }
}
