package io.clearpost.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;

import java.sql.Clob;
import java.sql.SQLException;
import java.util.List;

/** Spring Data JDBC mapping of JSON list columns, on H2 (CLOB) and MariaDB (MEDIUMTEXT) alike. */
@Configuration
public class JdbcConfiguration extends AbstractJdbcConfiguration {

    @Override
    protected List<?> userConverters() {
        return List.of(new StringListToJson(), new JsonToStringList(), new ClobToStringList(), new ClobToString());
    }

    @WritingConverter
    static class StringListToJson implements Converter<StringList, String> {
        @Override
        public String convert(StringList source) {
            try {
                return CanonicalJson.mapper().writeValueAsString(source.values());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }

    @ReadingConverter
    static class JsonToStringList implements Converter<String, StringList> {
        @Override
        public StringList convert(String source) {
            try {
                return new StringList(CanonicalJson.mapper().readValue(source, new TypeReference<List<String>>() {
                }));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored list is not a JSON array of strings", e);
            }
        }
    }

    @ReadingConverter
    static class ClobToStringList implements Converter<Clob, StringList> {
        @Override
        public StringList convert(Clob source) {
            return new JsonToStringList().convert(new ClobToString().convert(source));
        }
    }

    @ReadingConverter
    static class ClobToString implements Converter<Clob, String> {
        @Override
        public String convert(Clob source) {
            try {
                return source.getSubString(1, (int) source.length());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
