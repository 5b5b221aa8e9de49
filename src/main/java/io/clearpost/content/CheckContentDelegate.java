package io.clearpost.content;

import io.clearpost.engine.Actor;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** creation.bpmn "Check platform limits, mandatory mentions and banned terms": sets {@code violationsFound}. */
@Component("checkContentDelegate")
class CheckContentDelegate implements JavaDelegate {

    private final ContentService content;
    private final BrandRepository brands;

    CheckContentDelegate(ContentService content, BrandRepository brands) {
        this.content = content;
        this.brands = brands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String contentId = (String) execution.getVariable("contentId");
        ContentItem item = content.load(contentId);
        Brand brand = brands.findById(item.brand()).orElseThrow();
        Revision revision = item.currentRevision().orElseThrow();
        Map<String, Variant> variants = revision.variants();
        List<String> mentions = new ArrayList<>(item.mandatoryMentions());
        mentions.addAll(brand.mandatoryMentions());
        List<String> findings = ContentPolicy.check(variants, mentions, brand.bannedTerms());
        String actor = Actor.of(execution);
        content.change(contentId, it -> it.recordViolations(findings, actor));
        execution.setVariable("violationsFound", !findings.isEmpty());
    }
}
