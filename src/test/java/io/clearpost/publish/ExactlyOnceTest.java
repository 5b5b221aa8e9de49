package io.clearpost.publish;

import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.ContentView.Post;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessDriver.Deliverable;
import io.clearpost.support.ProcessDriver.TestBrand;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.history.HistoricJobLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash between the platform's answer and our commit must not post twice. {@link CrashAfterPostingPlatform}
 * accepts the post (the sandbox keeps it, as a remote platform would) and then kills the publishing
 * job's transaction before it commits; the engine retries the job.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExactlyOnceTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    CrashAfterPostingPlatform platform;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCrashAfterThePlatformAcceptedThePostLeavesOnePostForTheKey() {
        ProcessDriver drive = new ProcessDriver(context);
        TestBrand brand = drive.brand(CrashAfterPostingPlatform.BRAND, "x", "linkedin");
        Deliverable d = drive.approved(brand, "x");

        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        ContentView published = drive.awaitStatus(d.contentId(), ContentStatus.PUBLISHED);

        Post post = published.publications().get(0);
        assertThat(platform.crashedFor(post.idempotencyKey())).as("the transaction died after the platform posted").isTrue();
        List<HistoricJobLog> failures = history.createHistoricJobLogQuery()
                .processInstanceId(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .activityIdIn("Activity_PublishPost").failureLog().list();
        assertThat(failures).as("the engine saw the crash and retried").hasSize(1);
        assertThat(failures.get(0).getJobExceptionMessage()).contains("simulated crash after the platform accepted");

        assertThat(platform.publishCalls(post.idempotencyKey()))
                .as("the retry asked the platform about the key instead of posting again").isEqualTo(1);
        List<String> posts = jdbc.sql("SELECT post_id FROM sandbox_post WHERE idempotency_key = ?")
                .param(post.idempotencyKey()).query(String.class).list();
        assertThat(posts).as("posts on the platform for the key").hasSize(1);
        assertThat(post.status()).isEqualTo("PUBLISHED");
        assertThat(post.postId()).as("the post recorded is the one the platform made").isEqualTo(posts.get(0));
    }
}
