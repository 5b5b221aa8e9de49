package io.clearpost.crisis;

import io.clearpost.events.DomainEvent;
import io.clearpost.support.CanonicalJson;
import io.clearpost.support.Conflict;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.MappedCollection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crisis playbook of one brand, prepared in peace time: for one scenario, a holding statement per platform and
 * reply templates, with declared {@code {{placeholders}}}. Each revision's texts have a SHA-256 hash of their
 * canonical JSON; legal approves exactly that hash (never the revision's author), and a revision whose texts change
 * loses the approval.
 */
class Playbook extends AbstractAggregateRoot<Playbook> {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

    /** The texts of a revision, what the hash binds. */
    record Body(Map<String, String> statement, List<String> placeholders, List<Reply> replies) {
    }

    record Reply(String name, String text) {
    }

    @Id
    private final String id;
    private final String brand;
    private String scenario;
    private String title;
    private int revision;
    private String body;
    private String hash;
    private String author;
    private Instant revisedAt;
    private PlaybookStatus status;
    private String approvedHash;
    @MappedCollection(idColumn = "PLAYBOOK_ID", keyColumn = "POSITION")
    private final List<PlaybookDecision> decisions;
    @Version
    private Long version;

    @PersistenceCreator
    Playbook(String id, String brand, String scenario, String title, int revision, String body, String hash,
             String author, Instant revisedAt, PlaybookStatus status, String approvedHash,
             List<PlaybookDecision> decisions, Long version) {
        this.id = id;
        this.brand = brand;
        this.scenario = scenario;
        this.title = title;
        this.revision = revision;
        this.body = body;
        this.hash = hash;
        this.author = author;
        this.revisedAt = revisedAt;
        this.status = status;
        this.approvedHash = approvedHash;
        this.decisions = new ArrayList<>(decisions);
        this.version = version;
    }

    static Playbook prepare(String brand, String scenario, String title, Body texts, String actor, Instant at) {
        Playbook playbook = new Playbook(UUID.randomUUID().toString(), brand, scenario, title, 1, Crisis.json(texts),
                hashOf(texts), actor, at, PlaybookStatus.DRAFT, null, List.of(), null);
        playbook.registerEvent(new DomainEvent.PlaybookRevised(brand, actor, playbook.id, scenario, 1, playbook.hash,
                PlaybookStatus.DRAFT.name()));
        return playbook;
    }

    /** A new revision; changed texts wait for legal again, unchanged ones keep their approval. */
    void revise(String newScenario, String newTitle, Body texts, String actor, Instant at) {
        scenario = newScenario;
        title = newTitle;
        revision++;
        body = Crisis.json(texts);
        hash = hashOf(texts);
        author = actor;
        revisedAt = at;
        if (!hash.equals(approvedHash)) {
            approvedHash = null;
            status = PlaybookStatus.DRAFT;
        }
        registerEvent(new DomainEvent.PlaybookRevised(brand, actor, id, scenario, revision, hash, status.name()));
    }

    /** Legal's verdict: on the current hash only, and never by the revision's author (four-eyes). */
    void decide(String decision, String comment, String revisionHash, String reviewer, Instant at) {
        if (!hash.equals(revisionHash)) {
            throw new Conflict("revision " + revisionHash + " is not the current revision " + hash
                    + " of playbook " + id);
        }
        if (author.equals(reviewer)) {
            throw new Conflict("four-eyes: " + reviewer + " wrote revision " + revision + " and cannot approve it");
        }
        decisions.add(new PlaybookDecision(revision, hash, decision, reviewer, comment, at));
        if ("APPROVE".equals(decision)) {
            status = PlaybookStatus.APPROVED;
            approvedHash = hash;
        } else {
            status = PlaybookStatus.REJECTED;
            approvedHash = null;
        }
        registerEvent(new DomainEvent.PlaybookDecided(brand, reviewer, id, scenario, revision, hash, decision,
                comment));
    }

    static String hashOf(Body texts) {
        return CanonicalJson.sha256Hex(CanonicalJson.of(texts));
    }

    /** The text with each {{name}} replaced by its value. */
    static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(values.get(matcher.group(1).strip())));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    Body texts() {
        return CanonicalJson.mapper().convertValue(Crisis.parse(body), Body.class);
    }

    boolean approved() {
        return status == PlaybookStatus.APPROVED && hash.equals(approvedHash);
    }

    String id() {
        return id;
    }

    String brand() {
        return brand;
    }

    String scenario() {
        return scenario;
    }

    String title() {
        return title;
    }

    int revision() {
        return revision;
    }

    String hash() {
        return hash;
    }

    String author() {
        return author;
    }

    Instant revisedAt() {
        return revisedAt;
    }

    PlaybookStatus status() {
        return status;
    }

    String approvedHash() {
        return approvedHash;
    }

    List<PlaybookDecision> decisions() {
        return List.copyOf(decisions);
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
