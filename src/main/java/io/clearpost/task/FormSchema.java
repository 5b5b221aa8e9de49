package io.clearpost.task;

import io.clearpost.support.FieldError;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * <p>Supports what our forms use: flat values (groups without {@code path}), static
 * {@code values}, {@code validate.required/minLength/maxLength/pattern/min/max} and the custom
 * property {@code valueType=object} for a field that carries a JSON object. Anything else in a
 * schema that would change which values are valid (nested {@code path}s, FEEL expressions in
 * rules, unknown component types) is refused by {@link #parse} rather than silently ignored.
 */
public final class FormSchema {

    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Components that only display something: no key, no value. */
    private static final Set<String> DISPLAY_TYPES = Set.of("text", "image", "spacer", "separator", "button", "html");
    private static final Set<String> CONTAINER_TYPES = Set.of("group", "dynamiclist");
    private static final Set<String> STRING_TYPES = Set.of("textfield", "textarea", "radio", "select", "datetime");
    private static final Set<String> LIST_TYPES = Set.of("checklist", "taglist");
    private static final Set<String> CHOICE_TYPES = Set.of("radio", "select", "checklist", "taglist");
    private static final Set<String> INPUT_TYPES = Set.of(
            "textfield", "textarea", "radio", "select", "datetime", "number", "checkbox", "checklist", "taglist");

    /**
     * Bounds the work of one pattern match, whatever the pattern and the input: a regex that
     * backtracks catastrophically fails the field instead of holding a request thread.
     */
    private static final int PATTERN_STEP_BUDGET = 1_000_000;

    private final String id;
    private final List<Field> fields;
    private final Map<String, Field> fieldsByKey;

    private FormSchema(String id, List<Field> fields) {
        this.id = id;
        this.fields = List.copyOf(fields);
        Map<String, Field> byKey = new LinkedHashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        this.fieldsByKey = Collections.unmodifiableMap(byKey);
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
        List<Field> fields = new ArrayList<>();
        collectFields(root.get("components"), "form " + id, fields, new LinkedHashSet<>());
        return new FormSchema(id, fields);
    }

    public String id() {
        return id;
    }

    public Set<String> fieldKeys() {
        return fieldsByKey.keySet();
    }

    public boolean hasField(String key) {
        return key != null && fieldsByKey.containsKey(key);
    }

    /**
     * Checks submitted values against the form. Returns the errors per field in the order of the
     * form's components, then unknown fields in alphabetical order; an empty list means valid.
     * Never throws and never changes the map.
     */
    public List<FieldError> validate(Map<String, Object> values) {
        Map<?, ?> submitted = values == null ? Map.of() : values;
        List<FieldError> errors = new ArrayList<>();
        for (Field field : fields) {
            try {
                field.validate(submitted.get(field.key()), errors);
            } catch (RuntimeException e) {
                // a hostile Map or Collection implementation; Jackson's never gets here
                errors.add(new FieldError(field.key(), "is not valid"));
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (Object key : submitted.keySet()) {
            if (!(key instanceof String k) || !fieldsByKey.containsKey(k)) {
                unknown.add(String.valueOf(key));
            }
        }
        unknown.forEach(k -> errors.add(new FieldError(k, "unknown field")));
        return List.copyOf(errors);
    }

    public record FieldError(String field, String message) {
    }

    // --- parsing -------------------------------------------------------------------------

    private static void collectFields(JsonNode components, String where, List<Field> into, Set<String> keys) {
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
            if (CONTAINER_TYPES.contains(type)) {
                // A path nests the children's values in an object (or a list of objects); the flat
                // values this class validates would then be wrong, so refuse instead of guessing.
                if (component.hasNonNull("path") && !component.get("path").asText().isEmpty()) {
                    throw new IllegalArgumentException(label + ": nested values (path) are not supported");
                }
                collectFields(component.get("components"), label, into, keys);
                continue;
            }
            if (!INPUT_TYPES.contains(type)) {
                throw new IllegalArgumentException(label + ": unsupported component type " + type);
            }
            Field field = Field.of(type, component, label);
            if (!keys.add(field.key())) {
                throw new IllegalArgumentException(label + ": duplicate key " + field.key());
            }
            into.add(field);
        }
    }

    private static String requiredText(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": " + name + " must be a non-empty string");
        }
        return value.asText();
    }

    // --- one input component -------------------------------------------------------------

    private record Field(String key, String type, boolean objectValued, boolean required,
                         Integer minLength, Integer maxLength, Pattern pattern,
                         BigDecimal min, BigDecimal max, List<String> allowed) {

        static Field of(String type, JsonNode component, String where) {
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
                    CHOICE_TYPES.contains(type) ? staticValues(component, where) : null);
        }

        void validate(Object value, List<FieldError> errors) {
            if (isMissing(value)) {
                if (required) {
                    errors.add(new FieldError(key, "is required"));
                }
                return;
            }
            if (objectValued) {
                if (!(value instanceof Map<?, ?>)) {
                    errors.add(new FieldError(key, "must be an object"));
                }
                return;
            }
            switch (type) {
                case "number" -> validateNumber(value, errors);
                case "checkbox" -> {
                    if (!(value instanceof Boolean)) {
                        errors.add(new FieldError(key, "must be true or false"));
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
                errors.add(new FieldError(key, "must be a string"));
                return;
            }
            if (allowed != null) {
                if (!allowed.contains(s)) {
                    errors.add(new FieldError(key, mustBeOneOf()));
                }
                return;
            }
            if (minLength != null && s.length() < minLength) {
                errors.add(new FieldError(key, "must be at least " + minLength + " characters"));
            }
            if (maxLength != null && s.length() > maxLength) {
                errors.add(new FieldError(key, "must be at most " + maxLength + " characters"));
                return; // do not run the pattern on input the form already refuses
            }
            if (pattern != null && !matchesWithinBudget(s)) {
                errors.add(new FieldError(key, "does not match the expected format " + pattern.pattern()));
            }
        }

        private void validateList(Object value, List<FieldError> errors) {
            if (!(value instanceof Collection<?> items)) {
                errors.add(new FieldError(key, "must be a list"));
                return;
            }
            for (Object item : items) {
                if (!(item instanceof String s) || allowed != null && !allowed.contains(s)) {
                    errors.add(new FieldError(key, allowed != null ? "each value " + mustBeOneOf() : "must be a list of strings"));
                    return;
                }
            }
        }

        private void validateNumber(Object value, List<FieldError> errors) {
            BigDecimal number = toDecimal(value);
            if (number == null) {
                errors.add(new FieldError(key, "must be a number"));
                return;
            }
            if (min != null && number.compareTo(min) < 0) {
                errors.add(new FieldError(key, "must be at least " + min.toPlainString()));
            }
            if (max != null && number.compareTo(max) > 0) {
                errors.add(new FieldError(key, "must be at most " + max.toPlainString()));
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
