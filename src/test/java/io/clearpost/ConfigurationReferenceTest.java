package io.clearpost;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code clearpost.*} property (the components of each {@code @ConfigurationProperties} record under
 * io.clearpost, nested records included) has a row in the README's configuration table, and every
 * {@code clearpost.*} row names a property that exists. A row may use {@code <name>} for one segment
 * ({@code clearpost.connectors.<platform>.base-url}) and {@code `a.b.c` / `d`} for a sibling ({@code a.b.d}).
 */
class ConfigurationReferenceTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyClearpostPropertyIsInTheReadme() throws Exception {
        List<String> properties = properties();
        assertThat(properties).as("properties found").contains("clearpost.publication.retry-cycle", "clearpost.admin.password");
        List<Pattern> documented = documented().stream().map(ConfigurationReferenceTest::pattern).toList();

        List<String> missing = properties.stream()
                .filter(p -> documented.stream().noneMatch(d -> d.matcher(p).matches()))
                .toList();
        assertThat(missing).as("clearpost.* properties missing from the README configuration table").isEmpty();

        List<String> stale = documented().stream()
                .filter(d -> properties.stream().noneMatch(p -> pattern(d).matcher(p).matches()))
                .toList();
        assertThat(stale).as("README rows naming no clearpost.* property").isEmpty();
    }

    /** Property names as Spring binds them; a map component ends in {@code .<key>}. */
    static List<String> properties() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> names = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.clearpost")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (prefix.isEmpty()) {
                prefix = type.getAnnotation(ConfigurationProperties.class).prefix();
            }
            assertThat(type.isRecord()).as("%s is a record", type).isTrue();
            collect(prefix, type, names);
        }
        return names;
    }

    private static void collect(String prefix, Class<?> record, List<String> names) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> type = component.getType();
            if (type.isRecord()) {
                collect(name, type, names);
            } else if (Map.class.isAssignableFrom(type)) {
                Type value = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[1];
                if (value instanceof Class<?> c && c.isRecord()) {
                    collect(name + ".<key>", c, names);
                } else {
                    names.add(name + ".<key>");
                }
            } else if (Collection.class.isAssignableFrom(type)) {
                names.add(name);
            } else {
                names.add(name);
            }
        }
    }

    /** The {@code clearpost.*} names in the first column of the README's configuration table. */
    static List<String> documented() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("\n## Configuration");
        assertThat(section).as("README has a Configuration section").isPositive();
        int end = readme.indexOf("\n## ", section + 1);
        String table = readme.substring(section, end < 0 ? readme.length() : end);
        TreeSet<String> names = new TreeSet<>();
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf(" |", 1));
            String last = null;
            Matcher m = CODE.matcher(first);
            while (m.find()) {
                String token = m.group(1);
                if (token.startsWith("clearpost.")) {
                    last = token;
                    names.add(token);
                } else if (last != null && token.matches("[a-z][a-z0-9-]*")) {
                    names.add(last.substring(0, last.lastIndexOf('.') + 1) + token);   // `a.b.c` / `d`
                } else if (!token.startsWith("clearpost")) {
                    last = token.contains(".") ? null : last;
                }
            }
        }
        return List.copyOf(names);
    }

    /** {@code <anything>} in a README name stands for one segment (or a {@code [..]} map key). */
    private static Pattern pattern(String documented) {
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("<[^>]+>").matcher(documented);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(documented.substring(at, m.start()))).append("(<[^>]+>|[^.]+)");
            at = m.end();
        }
        regex.append(Pattern.quote(documented.substring(at)));
        return Pattern.compile(regex.toString());
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
