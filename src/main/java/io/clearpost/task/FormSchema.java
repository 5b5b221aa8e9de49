package io.clearpost.task;

import io.clearpost.support.FieldError;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Camunda Form (form-js JSON) read for server-side validation of the values a client submits
 * to complete a user task. The client renders the same schema with form-js; this class repeats
 * its checks so that nothing reaches the process that the form would have refused.
 *
 * <p>Supports what our forms use: groups, with or without a {@code path} (a path nests the
 * children's values in an object, as form-js submits them), dynamic lists (a {@code path} holding
 * a list of objects, one per item), dotted keys, {@code conditional.hide} FEEL expressions
 * evaluated over the form's data (the task context overlaid with the submitted values, what
 * form-js evaluates them over), static {@code values},
 * {@code validate.required/minLength/maxLength/pattern/min/max} and the custom property
 * {@code valueType=object} for a field that carries a JSON object. A field the form hides is
 * neither required nor may it carry a value (form-js leaves hidden fields out of its submission).
 * Anything else in a schema that would change which values are valid (FEEL in validation rules,
 * unknown component types) is refused by {@link #parse} rather than silently ignored.
 */
public final class FormSchema {

    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Components that only display something: no key, no value. */
    private static final Set<String> DISPLAY_TYPES = Set.of("text", "image", "spacer", "separator", "button", "html");
    private static final Set<String> STRING_TYPES = Set.of("textfield", "textarea", "radio", "select", "datetime");
    private static final Set<String> CHOICE_TYPES = Set.of("radio", "select", "checklist", "taglist");
    private static final Set<String> INPUT_TYPES = Set.of(
            "textfield", "textarea", "radio", "select", "datetime", "number", "checkbox", "checklist", "taglist");

    /**
     * Bounds the work of one pattern match, whatever the pattern and the input: a regex that
     * backtracks catastrophically fails the field instead of holding a request thread.
     */
    private static final int PATTERN_STEP_BUDGET = 1_000_000;

    private final String id;
    private final Group root;

    private FormSchema(String id, Group root) {
        this.id = id;
        this.root = root;
    }

    public static FormSchema parse(String formJson) {
        return parse(formJson, DEFAULT_MAPPER);
    }

    public static FormSchema parse(String formJson, ObjectMapper mapper) {
        if (formJson == null) {
            throw new IllegalArgumentException("form schema is missing");
        }
        JsonNode root;
        try {
            root = Objects.requireNonNull(mapper).readTree(formJson);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("form schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("form schema must be a JSON object");
        }
        String id = requiredText(root, "id", "form");
        Group values = new Group(List.of());
        collect(root.get("components"), "form " + id, values, List.of());
        return new FormSchema(id, values);
    }

    public String id() {
        return id;
    }

    /** The top-level keys of the submitted values (a group's path counts by its first segment). */
    public Set<String> fieldKeys() {
        return root.members.keySet();
    }

    public boolean hasField(String key) {
        return key != null && root.members.containsKey(key);
    }

    /** {@link #validate(Map, Map)} with no data beyond the values themselves. */
    public List<FieldError> validate(Map<String, Object> values) {
        return validate(values, Map.of());
    }

    /**
     * Checks submitted values against the form. {@code data} is what the form was rendered with (the
     * task context): conditions see it overlaid with the values. Returns the errors per field in the
     * order of the form's components, named by their path ({@code variants.x.media[0].sha256}), then
     * unknown fields in alphabetical order; an empty list means valid. Never throws and never changes
     * the maps.
     */
    public List<FieldError> validate(Map<String, Object> values, Map<String, ?> data) {
        Map<?, ?> submitted = values == null ? Map.of() : values;
        Map<String, Object> scope = new LinkedHashMap<>();
        if (data != null) {
            scope.putAll(data);
        }
        submitted.forEach((k, v) -> {
            if (k instanceof String key) {
                scope.put(key, v);
            }
        });
        List<FieldError> errors = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        root.validate(submitted, "", new Conditions(scope), errors, unknown);
        unknown.forEach(k -> errors.add(new FieldError(k, "unknown field")));
        return List.copyOf(errors);
    }

    public record FieldError(String field, String message) {
    }

    /**
     * The values without the inputs left empty: form-js submits an untouched text field as {@code ""}
     * (and an unset choice as {@code null}); to the process that is no value, as if the key were absent.
     * Nested objects are cleaned alike; list items are kept as they are, minus their own empty inputs.
     */
    public static Map<String, Object> withoutEmptyValues(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Map<String, Object> cleaned = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Object kept = withoutEmpty(value);
            if (kept != null && !"".equals(kept)) {
                cleaned.put(key, kept);
            }
        });
        return cleaned;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutEmpty(Object value) {
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            return withoutEmptyValues((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> item instanceof Map<?, ?> ? withoutEmpty(item) : item).toList();
        }
        return value;
    }

    /**
     * The values with every {@code valueType=object} field given as JSON text turned into the object it
     * spells: form-js submits such a field (a text input) as the typed text, e.g. {@code "{\"product\": \"X\"}"}.
     * Text that is not exactly one JSON object (or has a key twice) is left as it is, for {@link #validate}
     * to refuse. Fields in groups with a path are converted alike; the map given is not changed.
     */
    public Map<String, Object> withObjectsParsed(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        return root.objectsParsed(values);
    }

    // --- parsing -------------------------------------------------------------------------

    private static void collect(JsonNode components, String where, Group into, List<String> hideWhen) {
        if (components == null || components.isNull()) {
            return;
        }
        if (!components.isArray()) {
            throw new IllegalArgumentException(where + ": components must be a list");
        }
        for (JsonNode component : components) {
            if (!component.isObject()) {
                throw new IllegalArgumentException(where + ": a component must be an object");
            }
            String type = requiredText(component, "type", where + " component");
            String label = where + " component " + component.path("id").asText(type);
            if (DISPLAY_TYPES.contains(type)) {
                continue;
            }
            List<String> hidden = new ArrayList<>(hideWhen);
            String condition = Conditions.parse(component.path("conditional").path("hide"), label);
            if (condition != null) {
                hidden.add(condition);
            }
            String path = component.path("path").asText("");
            switch (type) {
                case "group" -> {
                    if (path.isEmpty()) {
                        collect(component.get("components"), label, into, hidden);
                    } else {
                        Group nested = into.group(segments(path, label), label);
                        nested.hideWhen.addAll(hidden);
                        collect(component.get("components"), label, nested, List.of());
                    }
                }
                case "dynamiclist" -> {
                    if (path.isEmpty()) {
                        throw new IllegalArgumentException(label + ": a dynamic list needs a path");
                    }
                    List<String> at = segments(path, label);
                    Items items = new Items(new Group(List.of()), hidden);
                    into.parent(at, label).put(at.get(at.size() - 1), items, label);
                    collect(component.get("components"), label, items.item, List.of());
                }
                default -> {
                    if (!INPUT_TYPES.contains(type)) {
                        throw new IllegalArgumentException(label + ": unsupported component type " + type);
                    }
                    Field field = Field.of(type, component, label, hidden);
                    List<String> at = segments(field.key(), label);
                    into.parent(at, label).put(at.get(at.size() - 1), field, label);
                }
            }
        }
    }

    private static List<String> segments(String path, String where) {
        List<String> segments = List.of(path.split("\\.", -1));
        if (segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(where + ": invalid path " + path);
        }
        return segments;
    }

    private static String requiredText(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": " + name + " must be a non-empty string");
        }
        return value.asText();
    }

    /** The map one JSON object spells (duplicate keys refused), else null. */
    private static Map<String, Object> jsonObject(String text) {
        try {
            JsonNode node = DEFAULT_MAPPER.readerFor(JsonNode.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(text);
            if (node == null || !node.isObject()) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = DEFAULT_MAPPER.convertValue(node, Map.class);
            return object;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static String at(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    // --- the shape of the values -----------------------------------------------------------

    private sealed interface Member permits Group, Items, Field {

        List<String> hideWhen();

        void validate(Object value, String path, Conditions conditions, List<FieldError> errors, Set<String> unknown);
    }

    /** An object of values: the form itself, or a group with a path. */
    private static final class Group implements Member {

        final Map<String, Member> members = new LinkedHashMap<>();
        final List<String> hideWhen;

        Group(List<String> hideWhen) {
            this.hideWhen = new ArrayList<>(hideWhen);
        }

        @Override
        public List<String> hideWhen() {
            return hideWhen;
        }

        /** The group at the given path below this one, made where missing. */
        Group group(List<String> path, String where) {
            Group group = this;
            for (String segment : path) {
                Member member = group.members.get(segment);
                if (member == null) {
                    Group child = new Group(List.of());
                    group.members.put(segment, child);
                    group = child;
                } else if (member instanceof Group child) {
                    group = child;
                } else {
                    throw new IllegalArgumentException(where + ": duplicate key " + segment);
                }
            }
            return group;
        }

        Group parent(List<String> path, String where) {
            return group(path.subList(0, path.size() - 1), where);
        }

        Map<String, Object> objectsParsed(Map<String, Object> values) {
            Map<String, Object> parsed = new LinkedHashMap<>(values);
            members.forEach((name, member) -> {
                Object value = values.get(name);
                if (member instanceof Field field && field.objectValued() && value instanceof String text) {
                    Object object = jsonObject(text);
                    if (object != null) {
                        parsed.put(name, object);
                    }
                } else if (member instanceof Group group && value instanceof Map<?, ?> map
                        && map.keySet().stream().allMatch(String.class::isInstance)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> nested = (Map<String, Object>) map;
                    parsed.put(name, group.objectsParsed(nested));
                }
            });
            return parsed;
        }

        void put(String name, Member member, String where) {
            if (members.putIfAbsent(name, member) != null) {
                throw new IllegalArgumentException(where + ": duplicate key " + name);
            }
        }

        @Override
        public void validate(Object value, String path, Conditions conditions, List<FieldError> errors,
                             Set<String> unknown) {
            if (value != null && !(value instanceof Map<?, ?>)) {
                errors.add(new FieldError(path, "must be an object"));
                return;
            }
            Map<?, ?> values = value == null ? Map.of() : (Map<?, ?>) value;
            members.forEach((name, member) -> {
                String field = at(path, name);
                Object given = values.get(name);
                try {
                    if (conditions.hidden(member.hideWhen())) {
                        if (!isEmpty(given)) {
                            errors.add(new FieldError(field, "must be left out: the form hides it here"));
                        }
                        return;
                    }
                    member.validate(given, field, conditions, errors, unknown);
                } catch (RuntimeException e) {
                    // a hostile Map or Collection implementation; Jackson's never gets here
                    errors.add(new FieldError(field, "is not valid"));
                }
            });
            for (Object key : values.keySet()) {
                if (!(key instanceof String k) || !members.containsKey(k)) {
                    unknown.add(at(path, String.valueOf(key)));
                }
            }
        }
    }

    /** A dynamic list: a list of objects, each with the fields of one item. */
    private record Items(Group item, List<String> hideWhen) implements Member {

        @Override
        public void validate(Object value, String path, Conditions conditions, List<FieldError> errors,
                             Set<String> unknown) {
            if (value == null) {
                return;
            }
            if (!(value instanceof List<?> list)) {
                errors.add(new FieldError(path, "must be a list"));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                String field = path + "[" + i + "]";
                Object element = list.get(i);
                if (element instanceof String text && item.members.keySet().equals(Set.of("text"))) {
                    // a list whose items are one text each may come as plain strings, as POST /api/briefs takes
                    // its lists (revise-brief's keyMessages, DESIGN §7); the item's own rules still apply
                    element = Map.of("text", text);
                }
                if (!(element instanceof Map<?, ?>)) {
                    errors.add(new FieldError(field, "must be an object"));
                    continue;
                }
                item.validate(element, field, conditions, errors, unknown);
            }
        }
    }

    /** form-js' {@code conditional.hide}: FEEL expressions over the form's data, evaluated by the FEEL engine. */
    private static final class Conditions {

        private static final FeelEngineApi FEEL = FeelEngineBuilder.create().build();

        private final Map<String, Object> scope;

        Conditions(Map<String, Object> scope) {
            this.scope = scope;
        }

        /** The expression without its leading {@code =}, or null for no condition. */
        static String parse(JsonNode hide, String where) {
            if (hide.isMissingNode() || hide.isNull()) {
                return null;
            }
            if (!hide.isTextual() || !hide.asText().startsWith("=")) {
                throw new IllegalArgumentException(where + ": conditional.hide must be a FEEL expression (=...)");
            }
            String expression = hide.asText().substring(1);
            if (!FEEL.parseExpression(expression).isSuccess()) {
                throw new IllegalArgumentException(where + ": conditional.hide is not valid FEEL: " + expression);
            }
            return expression;
        }

        /** Hidden when any condition is true; one that fails to evaluate hides nothing, as in form-js. */
        boolean hidden(List<String> conditions) {
            for (String condition : conditions) {
                EvaluationResult result = FEEL.evaluateExpression(condition, scope);
                if (result.isSuccess() && Boolean.TRUE.equals(result.result())) {
                    return true;
                }
            }
            return false;
        }
    }

    // --- one input component -------------------------------------------------------------

    private record Field(String key, String type, boolean objectValued, boolean required,
                         Integer minLength, Integer maxLength, Pattern pattern,
                         BigDecimal min, BigDecimal max, List<String> allowed, List<String> hideWhen,
                         String name) implements Member {

        static Field of(String type, JsonNode component, String where, List<String> hideWhen) {
            String key = requiredText(component, "key", where);
            JsonNode validate = component.path("validate");
            if (!validate.isMissingNode() && !validate.isNull() && !validate.isObject()) {
                throw new IllegalArgumentException(where + ": validate must be an object");
            }
            boolean objectValued = "object".equals(component.path("properties").path("valueType").asText(null));
            if (objectValued && !STRING_TYPES.contains(type)) {
                throw new IllegalArgumentException(where + ": valueType object needs a text component");
            }
            JsonNode required = validate.path("required");
            if (!required.isMissingNode() && !required.isNull() && !required.isBoolean()) {
                // a FEEL condition ("=...") cannot be evaluated here
                throw new IllegalArgumentException(where + ": validate.required must be true or false");
            }
            Pattern pattern = null;
            String regex = optionalText(validate, "pattern", where);
            if (regex != null && !regex.isEmpty()) {
                try {
                    pattern = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(where + ": invalid pattern " + regex, e);
                }
            }
            return new Field(key, type, objectValued, required.asBoolean(false),
                    optionalInt(validate, "minLength", where), optionalInt(validate, "maxLength", where),
                    pattern, optionalNumber(validate, "min", where), optionalNumber(validate, "max", where),
                    CHOICE_TYPES.contains(type) ? staticValues(component, where) : null, List.copyOf(hideWhen), key);
        }

        @Override
        public void validate(Object value, String path, Conditions conditions, List<FieldError> errors,
                             Set<String> unknown) {
            withName(path).validate(value, errors);
        }

        private Field withName(String path) {
            return new Field(key, type, objectValued, required, minLength, maxLength, pattern, min, max, allowed,
                    hideWhen, path);
        }

        void validate(Object value, List<FieldError> errors) {
            if (isMissing(value)) {
                if (required) {
                    errors.add(new FieldError(name, "is required"));
                }
                return;
            }
            if (objectValued) {
                if (!(value instanceof Map<?, ?>)) {
                    errors.add(new FieldError(name, "must be an object"));
                }
                return;
            }
            switch (type) {
                case "number" -> validateNumber(value, errors);
                case "checkbox" -> {
                    if (!(value instanceof Boolean)) {
                        errors.add(new FieldError(name, "must be true or false"));
                    }
                }
                case "checklist", "taglist" -> validateList(value, errors);
                default -> validateString(value, errors);
            }
        }

        private boolean isMissing(Object value) {
            return value == null
                    || value instanceof String s && s.isBlank()
                    || value instanceof Collection<?> c && c.isEmpty()
                    || value instanceof Map<?, ?> m && m.isEmpty()
                    // form-js treats an unticked required checkbox as missing
                    || "checkbox".equals(type) && Boolean.FALSE.equals(value);
        }

        private void validateString(Object value, List<FieldError> errors) {
            if (!(value instanceof String s)) {
                errors.add(new FieldError(name, "must be a string"));
                return;
            }
            if (allowed != null) {
                if (!allowed.contains(s)) {
                    errors.add(new FieldError(name, mustBeOneOf()));
                }
                return;
            }
            if (minLength != null && s.length() < minLength) {
                errors.add(new FieldError(name, "must be at least " + minLength + " characters"));
            }
            if (maxLength != null && s.length() > maxLength) {
                errors.add(new FieldError(name, "must be at most " + maxLength + " characters"));
                return; // do not run the pattern on input the form already refuses
            }
            if (pattern != null && !matchesWithinBudget(s)) {
                errors.add(new FieldError(name, "does not match the expected format " + pattern.pattern()));
            }
        }

        private void validateList(Object value, List<FieldError> errors) {
            if (!(value instanceof Collection<?> items)) {
                errors.add(new FieldError(name, "must be a list"));
                return;
            }
            for (Object item : items) {
                if (!(item instanceof String s) || allowed != null && !allowed.contains(s)) {
                    errors.add(new FieldError(name, allowed != null ? "each value " + mustBeOneOf() : "must be a list of strings"));
                    return;
                }
            }
        }

        private void validateNumber(Object value, List<FieldError> errors) {
            BigDecimal number = toDecimal(value);
            if (number == null) {
                errors.add(new FieldError(name, "must be a number"));
                return;
            }
            if (min != null && number.compareTo(min) < 0) {
                errors.add(new FieldError(name, "must be at least " + min.toPlainString()));
            }
            if (max != null && number.compareTo(max) > 0) {
                errors.add(new FieldError(name, "must be at most " + max.toPlainString()));
            }
        }

        private String mustBeOneOf() {
            return "must be one of " + String.join(", ", allowed);
        }

        private boolean matchesWithinBudget(String s) {
            try {
                return pattern.matcher(new BudgetedCharSequence(s, PATTERN_STEP_BUDGET)).matches();
            } catch (BudgetedCharSequence.BudgetExceeded | StackOverflowError e) {
                return false;
            }
        }

        private static BigDecimal toDecimal(Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return BigDecimal.valueOf(((Number) value).longValue());
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
            }
            if (value instanceof BigDecimal d) {
                return d;
            }
            if (value instanceof BigInteger i) {
                return new BigDecimal(i);
            }
            return null;
        }

        private static String optionalText(JsonNode validate, String name, String where) {
            JsonNode node = validate.path(name);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw new IllegalArgumentException(where + ": validate." + name + " must be a string");
            }
            return node.asText();
        }

        private static Integer optionalInt(JsonNode validate, String name, String where) {
            JsonNode node = validate.path(name);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
                throw new IllegalArgumentException(where + ": validate." + name + " must be a non-negative integer");
            }
            return node.asInt();
        }

        private static BigDecimal optionalNumber(JsonNode validate, String name, String where) {
            JsonNode node = validate.path(name);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.isNumber()) {
                throw new IllegalArgumentException(where + ": validate." + name + " must be a number");
            }
            return node.decimalValue();
        }

        /** The static choices; null when the options come from data (valuesKey), so any string is let through. */
        private static List<String> staticValues(JsonNode component, String where) {
            JsonNode values = component.get("values");
            if (values == null || values.isNull()) {
                return null;
            }
            if (!values.isArray()) {
                throw new IllegalArgumentException(where + ": values must be a list");
            }
            List<String> allowed = new ArrayList<>();
            for (JsonNode option : values) {
                JsonNode value = option.get("value");
                if (value == null || !value.isTextual()) {
                    throw new IllegalArgumentException(where + ": every option needs a string value");
                }
                allowed.add(value.asText());
            }
            return List.copyOf(allowed);
        }
    }

    /** A CharSequence that stops a regex match after a fixed number of character reads. */
    private static final class BudgetedCharSequence implements CharSequence {

        private static final class BudgetExceeded extends RuntimeException {
            BudgetExceeded() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final int offset;
        private final int length;
        private final int[] remaining;

        BudgetedCharSequence(String text, int budget) {
            this(text, 0, text.length(), new int[] {budget});
        }

        private BudgetedCharSequence(String text, int offset, int length, int[] remaining) {
            this.text = text;
            this.offset = offset;
            this.length = length;
            this.remaining = remaining;
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(offset + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedCharSequence(text, offset + start, end - start, remaining);
        }

        @Override
        public String toString() {
            return text.substring(offset, offset + length);
        }
    }
}
