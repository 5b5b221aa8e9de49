package io.clearpost.crisis;

import io.clearpost.content.Platform;
import io.clearpost.engine.EngineClock;
import io.clearpost.support.Conflict;
import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.NotFound;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Crisis playbooks of a brand (issue 12): written in peace time by the crisis cell, approved in advance by the
 * brand's legal, bound to the hash of their texts; a crisis's holding statement drafted from an approved one, with
 * only its placeholders filled, needs the communications sign-off alone.
 */
@Service
public class Playbooks {

    /** Who writes playbooks (administrators too). */
    static final Role[] WRITE = {Role.STRATEGIST, Role.BRAND_MANAGER, Role.COMMUNICATIONS};
    /** Who reads them: the writers, legal, compliance and the auditors. */
    static final Role[] READ = {Role.STRATEGIST, Role.BRAND_MANAGER, Role.COMMUNICATIONS, Role.LEGAL, Role.COMPLIANCE,
            Role.AUDITOR};
    static final Pattern SCENARIO = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    /** A placeholder value is a short plain text: it may not smuggle a paragraph into an approved statement. */
    static final int MAX_VALUE = 200;

    private final PlaybookRepository playbooks;
    private final BrandRepository brands;

    Playbooks(PlaybookRepository playbooks, BrandRepository brands) {
        this.playbooks = playbooks;
        this.brands = brands;
    }

    @Transactional
    public PlaybookView create(CurrentUser user, String brand, PlaybookRequest request) {
        Brand known = writable(user, brand);
        Playbook.Body texts = validate(request, known);
        requireFreeScenario(brand, request.scenario(), null);
        Playbook playbook = Playbook.prepare(brand, request.scenario(), request.title().strip(), texts, user.id(),
                EngineClock.now());
        return view(save(playbook, brand, request.scenario()));
    }

    @Transactional(readOnly = true)
    public List<PlaybookView> list(CurrentUser user, String brand) {
        readable(user, brand);
        return playbooks.findByBrandOrderByScenario(brand).stream().map(Playbooks::view).toList();
    }

    @Transactional(readOnly = true)
    public PlaybookView get(CurrentUser user, String brand, String id) {
        readable(user, brand);
        return view(load(brand, id));
    }

    @Transactional
    public PlaybookView revise(CurrentUser user, String brand, String id, PlaybookRequest request) {
        Brand known = writable(user, brand);
        Playbook playbook = load(brand, id);
        Playbook.Body texts = validate(request, known);
        requireFreeScenario(brand, request.scenario(), id);
        playbook.revise(request.scenario(), request.title().strip(), texts, user.id(), EngineClock.now());
        return view(save(playbook, brand, request.scenario()));
    }

    /** Legal's approval in advance, bound to the revision hash, never by the revision's author. */
    @Transactional
    public PlaybookView decide(CurrentUser user, String brand, String id, PlaybookDecisionRequest request) {
        user.requireRole(brand, "brand " + brand, false, Role.LEGAL);
        Playbook playbook = load(brand, id);
        List<FieldError> errors = new ArrayList<>();
        if (!"APPROVE".equals(request.decision()) && !"REJECT".equals(request.decision())) {
            errors.add(new FieldError("decision", "must be APPROVE or REJECT"));
        }
        if (request.revisionHash() == null || !request.revisionHash().matches("[0-9a-f]{64}")) {
            errors.add(new FieldError("revisionHash", "must be the 64 hex digits of the revision's hash"));
        }
        if (request.comment() != null && request.comment().length() > 2000) {
            errors.add(new FieldError("comment", "must be at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        playbook.decide(request.decision(), request.comment(), request.revisionHash(), user.id(), EngineClock.now());
        return view(playbooks.save(playbook));
    }

    // ---- the crisis's side ---------------------------------------------------------------------------------

    /** The brand's playbooks whose current revision legal approved: those a holding statement may start from. */
    @Transactional(readOnly = true)
    List<PlaybookView> approvedOf(String brand) {
        return playbooks.findByBrandOrderByScenario(brand).stream().filter(Playbook::approved).map(Playbooks::view)
                .toList();
    }

    /** The statement and replies of a brand's approved playbook with the placeholders filled, else InvalidInput. */
    @Transactional(readOnly = true)
    Filled fill(String brand, Object playbookId, Object placeholderValues) {
        Playbook playbook = playbookId instanceof String id
                ? playbooks.findById(id).filter(p -> p.brand().equals(brand)).orElse(null) : null;
        if (playbook == null) {
            throw new InvalidInput("playbook", "is not a playbook of " + brand);
        }
        if (!playbook.approved()) {
            throw new InvalidInput("playbook", "revision " + playbook.revision() + " of playbook "
                    + playbook.scenario() + " is not approved by legal");
        }
        Playbook.Body texts = playbook.texts();
        Map<String, String> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        Map<?, ?> given = placeholderValues == null ? Map.of() : placeholderValues instanceof Map<?, ?> m ? m : null;
        if (given == null) {
            throw new InvalidInput("placeholders", "must be an object of placeholder values");
        }
        for (Object key : given.keySet()) {
            if (!texts.placeholders().contains(String.valueOf(key))) {
                errors.add(new FieldError("placeholders." + key, "is not a placeholder of the playbook"));
            }
        }
        for (String name : texts.placeholders()) {
            Object value = given.get(name);
            String field = "placeholders." + name;
            if (!(value instanceof String text) || text.isBlank()) {
                errors.add(new FieldError(field, "is required: a plain text"));
            } else if (text.length() > MAX_VALUE) {
                errors.add(new FieldError(field, "must be at most " + MAX_VALUE + " characters"));
            } else if (text.chars().anyMatch(c -> Character.isISOControl(c)) || text.contains("{{")
                    || text.contains("}}")) {
                errors.add(new FieldError(field, "must be plain text on one line"));
            } else {
                values.put(name, text);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Map<String, String> statement = new LinkedHashMap<>();
        texts.statement().forEach((platform, text) -> statement.put(platform, Playbook.fill(text, values)));
        List<Map<String, Object>> replies = texts.replies().stream().map(r -> Playbook.map("name", r.name(),
                "text", Playbook.fill(r.text(), values), "playbookId", playbook.id(),
                "playbookHash", playbook.hash())).toList();
        return new Filled(playbook.id(), playbook.scenario(), playbook.hash(), values, statement, replies);
    }

    /** An approved playbook's texts with the placeholders filled. */
    record Filled(String playbookId, String scenario, String hash, Map<String, String> values,
                  Map<String, String> statement, List<Map<String, Object>> replies) {

        /**
         * Whether the submitted variants are the statement exactly: for each chosen platform, the filled text and
         * nothing else (no media, no link). The one comparison crisis-escalation.bpmn routes on.
         */
        boolean unchanged(Object variants, List<String> platforms) {
            if (!(variants instanceof Map<?, ?> submitted) || !submitted.keySet().equals(new HashSet<>(platforms))) {
                return false;
            }
            for (String platform : platforms) {
                if (!(submitted.get(platform) instanceof Map<?, ?> variant)
                        || !variant.keySet().equals(Set.of("text"))
                        || !java.util.Objects.equals(variant.get("text"), statement.get(platform))) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Brand writable(CurrentUser user, String brand) {
        user.requireRole(brand, "brand " + brand, true, WRITE);
        return brands.findById(brand).orElseThrow(() -> new NotFound("brand " + brand));
    }

    private void readable(CurrentUser user, String brand) {
        user.requireRole(brand, "brand " + brand, true, READ);
    }

    private Playbook load(String brand, String id) {
        return playbooks.findById(id).filter(p -> p.brand().equals(brand))
                .orElseThrow(() -> new NotFound("playbook " + id));
    }

    private void requireFreeScenario(String brand, String scenario, String except) {
        playbooks.findByBrandAndScenario(brand, scenario).filter(p -> !p.id().equals(except)).ifPresent(p -> {
            throw new Conflict("playbook " + p.id() + " of " + brand + " already covers scenario " + scenario);
        });
    }

    private Playbook save(Playbook playbook, String brand, String scenario) {
        try {
            return playbooks.save(playbook);
        } catch (DuplicateKeyException race) {
            throw new Conflict("another playbook of " + brand + " for scenario " + scenario + " was saved at the same time");
        }
    }

    static Playbook.Body validate(PlaybookRequest request, Brand brand) {
        List<FieldError> errors = new ArrayList<>();
        if (request.scenario() == null || request.scenario().length() > 64
                || !SCENARIO.matcher(request.scenario()).matches()) {
            errors.add(new FieldError("scenario", "must be a kebab-case id such as product-recall"));
        }
        if (request.title() == null || request.title().isBlank() || request.title().length() > 200) {
            errors.add(new FieldError("title", "must be a text of 1 to 200 characters"));
        }
        List<String> declared = request.placeholders() == null ? List.of() : request.placeholders();
        for (int i = 0; i < declared.size(); i++) {
            String name = declared.get(i);
            if (name == null || name.length() > 40 || !NAME.matcher(name).matches()) {
                errors.add(new FieldError("placeholders[" + i + "]", "must be a name such as product"));
            } else if (declared.indexOf(name) != i) {
                errors.add(new FieldError("placeholders[" + i + "]", "is declared twice"));
            }
        }
        Set<String> used = new LinkedHashSet<>();
        Map<String, String> statement = new TreeMap<>();
        if (request.statement() == null || request.statement().isEmpty()) {
            errors.add(new FieldError("statement", "must hold the text of at least one platform"));
        } else {
            request.statement().forEach((platform, text) -> {
                String field = "statement." + platform;
                if (Platform.ofKey(platform).isEmpty()) {
                    errors.add(new FieldError(field, "is not a known platform"));
                } else if (!brand.platforms().contains(platform)) {
                    errors.add(new FieldError(field, "is not a platform of " + brand.id()));
                } else if (Crises.NO_TEXT_STATEMENT.contains(platform)) {
                    errors.add(new FieldError(field, "takes no text-only holding statement"));
                } else {
                    String checked = text(text == null ? null : text.text(), field + ".text", declared, used, errors);
                    statement.put(platform, checked);
                }
            });
        }
        List<PlaybookRequest.Reply> replies = request.replies() == null ? List.of() : request.replies();
        List<Playbook.Reply> checkedReplies = new ArrayList<>();
        Set<String> replyNames = new HashSet<>();
        for (int i = 0; i < replies.size(); i++) {
            PlaybookRequest.Reply reply = replies.get(i);
            String field = "replies[" + i + "]";
            if (reply == null) {
                errors.add(new FieldError(field, "must be {name, text}"));
                continue;
            }
            if (reply.name() == null || reply.name().isBlank() || reply.name().length() > 100) {
                errors.add(new FieldError(field + ".name", "must be a text of 1 to 100 characters"));
            } else if (!replyNames.add(reply.name())) {
                errors.add(new FieldError(field + ".name", "names another reply too"));
            }
            checkedReplies.add(new Playbook.Reply(reply.name(), text(reply.text(), field + ".text", declared, used,
                    errors)));
        }
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i) != null && declared.indexOf(declared.get(i)) == i && !used.contains(declared.get(i))
                    && NAME.matcher(declared.get(i)).matches()) {
                errors.add(new FieldError("placeholders[" + i + "]", "is used in no text"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Playbook.Body(statement, List.copyOf(declared), checkedReplies);
    }

    private static String text(String text, String field, List<String> declared, Set<String> used,
                               List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "must not be empty"));
            return text;
        }
        if (text.length() > 63_206) {
            errors.add(new FieldError(field, "must be at most 63,206 characters"));
            return text;
        }
        Matcher matcher = Playbook.PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1).strip();
            if (!declared.contains(name)) {
                errors.add(new FieldError(field, "uses {{" + name + "}}, which is not a declared placeholder"));
            }
            used.add(name);
        }
        return text;
    }

    static PlaybookView view(Playbook playbook) {
        Playbook.Body texts = playbook.texts();
        Map<String, Map<String, String>> statement = new TreeMap<>();
        texts.statement().forEach((platform, text) -> statement.put(platform, Map.of("text", text)));
        return new PlaybookView(playbook.id(), playbook.brand(), playbook.scenario(), playbook.title(),
                playbook.revision(), playbook.hash(), playbook.author(), playbook.revisedAt(), playbook.status(),
                playbook.approved(), statement, texts.placeholders(),
                texts.replies().stream().map(r -> Map.of("name", r.name(), "text", r.text())).toList(),
                playbook.decisions().stream().map(d -> new PlaybookView.Decision(d.revision(), d.revisionHash(),
                        d.decision(), d.reviewer(), d.comment(), d.decidedAt())).toList());
    }
}
