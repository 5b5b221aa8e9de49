package io.clearpost.publish;

import io.clearpost.engine.Actor;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.Revision;
import io.clearpost.support.CanonicalJson;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * publication.bpmn "Check the content is exactly what was approved": the stored revision must still
 * hash to the approved hash. A mismatch never publishes: it raises {@code HASH_MISMATCH}.
 */
@Component("verifyApprovedHashDelegate")
class VerifyApprovedHashDelegate implements JavaDelegate {

    private final ContentService content;
    private final Publications publications;

    VerifyApprovedHashDelegate(ContentService content, Publications publications) {
        this.content = content;
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String contentId = (String) execution.getVariable("contentId");
        String platform = (String) execution.getVariable("platform");
        ContentItem item = content.find(contentId);
        Revision current = item.currentRevision().orElseThrow();
        String actual = CanonicalJson.sha256Hex(current.canonicalJson());
        if (item.approvedHash() == null || !item.approvedHash().equals(actual) || !actual.equals(current.hash())) {
            String error = "content differs from the approved version: approved " + item.approvedHash()
                    + ", stored revision hashes to " + actual;
            publications.markFailed(contentId, platform, error, Actor.of(execution));
            throw new BpmnError("HASH_MISMATCH", error);
        }
    }
}
