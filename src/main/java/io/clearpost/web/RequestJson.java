package io.clearpost.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.clearpost.support.TextPolicy;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * How the API reads JSON request bodies, stricter than Spring's shared mapper (which also reads platform
 * answers): invalid UTF-8 is never repaired, every string and field name passes {@link TextPolicy}, a string
 * field takes only a JSON string (no number or boolean turned into text), and a date-time only an ISO-8601
 * string with an offset and a year from {@value #MIN_YEAR} to {@value #MAX_YEAR}. Every refusal names the field.
 */
@Configuration
class RequestJson implements WebMvcConfigurer {

    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;

    private final ObjectMapper requests;

    RequestJson(ObjectMapper shared) {
        this.requests = strict(shared);
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i).getClass() == MappingJackson2HttpMessageConverter.class) {
                converters.set(i, new MappingJackson2HttpMessageConverter(requests));
            }
        }
    }

    static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper mapper = shared.copyWith(new CheckedJsonFactory(shared.getFactory()));
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        // 4.5 is not a severity (nor a reach): a fraction is refused, never truncated to an integer
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("clearpost-strict-time")
                .addDeserializer(OffsetDateTime.class, new StrictOffsetDateTime()));
        return mapper;
    }

    /** A field the text policy refused, with its path as the API names fields ({@code deliverables[0].title}). */
    static final class InvalidText extends JsonParseException {
        final String field;
        final String reason;

        InvalidText(JsonParser parser, String field, String reason) {
            super(parser, field + " " + reason);
            this.field = field;
            this.reason = reason;
        }
    }

    /** A date-time that is not an ISO-8601 string with offset inside the sane range. */
    static final class StrictOffsetDateTime extends StdScalarDeserializer<OffsetDateTime> {

        StrictOffsetDateTime() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
            }
            String text = p.getText();
            OffsetDateTime value;
            try {
                value = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text,
                        "not an ISO-8601 date-time with offset");
            }
            if (value.getYear() < MIN_YEAR || value.getYear() > MAX_YEAR) {
                return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text,
                        "year outside " + MIN_YEAR + "–" + MAX_YEAR);
            }
            return value;
        }
    }

    /** Creates parsers that check every string and field name, reading bytes through {@link #escapeMalformed}. */
    static final class CheckedJsonFactory extends JsonFactory {

        CheckedJsonFactory(JsonFactory src) {
            super(src, null);
        }

        @Override
        public JsonFactory copy() {
            return new CheckedJsonFactory(this);
        }

        @Override
        protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
            byte[] bytes = escapeMalformed(in.readAllBytes());
            return new TextChecking(super._createParser(new ByteArrayInputStream(bytes), ctxt));
        }

        @Override
        protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
            byte[] bytes = escapeMalformed(java.util.Arrays.copyOfRange(data, offset, offset + len));
            return new TextChecking(super._createParser(new ByteArrayInputStream(bytes), ctxt));
        }

        @Override
        protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
            return new TextChecking(super._createParser(r, ctxt));
        }

        @Override
        protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
                throws IOException {
            return new TextChecking(super._createParser(data, offset, len, ctxt, recyclable));
        }
    }

    /**
     * Strict UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing above U+10FFFF). A byte that
     * is not part of a well-formed sequence becomes the JSON escape of a lone surrogate (U+DC80 to U+DCFF, like Python's surrogateescape),
     * which {@link TextPolicy} then refuses naming the field; outside a string it is malformed JSON. Jackson
     * alone would read an overlong C0 AF as "/" and bytes ED A0 80 as a lone surrogate.
     */
    static byte[] escapeMalformed(byte[] in) {
        ByteArrayOutputStream out = null;
        boolean inString = false;
        boolean escaped = false;
        int i = 0;
        while (i < in.length) {
            int b = in[i] & 0xFF;
            int length = wellFormedLength(in, i);
            if (length == 0) {
                if (out == null) {
                    out = new ByteArrayOutputStream(in.length + 16);
                    out.write(in, 0, i);
                }
                // after a backslash inside a string the escape is already open: complete it, never neutralise it
                String escape = (inString && escaped ? "" : "\\") + "uDC" + String.format("%02X", b);
                out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
                escaped = false;
                i++;
                continue;
            }
            if (length == 1) {
                if (!inString) {
                    inString = b == '"';
                } else if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else {
                escaped = false;
            }
            if (out != null) {
                out.write(in, i, length);
            }
            i += length;
        }
        return out == null ? in : out.toByteArray();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 (RFC 3629 table 3-7). */
    private static int wellFormedLength(byte[] in, int i) {
        int b = in[i] & 0xFF;
        if (b < 0x80) {
            return 1;
        }
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            if (b == 0xE0) {
                low = 0xA0;
            } else if (b == 0xED) {
                high = 0x9F;
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            if (b == 0xF0) {
                low = 0x90;
            } else if (b == 0xF4) {
                high = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + length > in.length) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            int c = in[i + k] & 0xFF;
            if (k == 1 ? c < low || c > high : c < 0x80 || c > 0xBF) {
                return 0;
            }
        }
        return length;
    }

    /** Checks each string value and field name as it is read, before any deserializer sees it. */
    static final class TextChecking extends JsonParserDelegate {

        TextChecking(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token;
            String text = null;
            try {
                token = delegate.nextToken();
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    // reads the whole string now: its errors (a raw control character, no end) belong to this field
                    text = delegate.getText();
                }
            } catch (InvalidText e) {
                throw e;
            } catch (JsonEOFException e) {
                throw new InvalidText(this, "body", "must be a well-formed JSON document; it ends too early");
            } catch (JsonProcessingException e) {
                // malformed JSON, a number too long, nesting too deep: name where it happened, not the input
                throw new InvalidText(this, path(delegate.getParsingContext()), "must be well-formed JSON within "
                        + "the parser's limits (nesting depth, number and string length)");
            }
            if (text != null) {
                Optional<String> problem = TextPolicy.problem(text);
                if (problem.isPresent()) {
                    String field = path(delegate.getParsingContext());
                    throw new InvalidText(this, field,
                            token == JsonToken.FIELD_NAME ? "has an invalid name: " + problem.get() : problem.get());
                }
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        /** The context's path as the API names fields; a name the policy refuses is shown with U+FFFD for its bad parts. */
        static String path(JsonStreamContext context) {
            Deque<String> parts = new ArrayDeque<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject()) {
                    String name = c.getCurrentName() == null ? "" : c.getCurrentName();
                    parts.push("." + printable(name));
                } else if (c.inArray()) {
                    parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
                }
            }
            String path = String.join("", parts);
            path = path.startsWith(".") ? path.substring(1) : path;
            // a path 1,000 arrays deep says no more than its start
            path = path.length() > 200 ? path.substring(0, 200) + "…" : path;
            return path.isEmpty() ? "body" : path;
        }

        private static String printable(String name) {
            if (TextPolicy.problem(name).isEmpty() && name.length() <= 100) {
                return name;
            }
            StringBuilder out = new StringBuilder();
            name.codePoints().limit(100).forEach(cp -> out.appendCodePoint(
                    Character.isSurrogate((char) cp) && cp < 0x10000 || Character.isISOControl(cp) ? 0xFFFD : cp));
            return out.toString();
        }
    }
}
