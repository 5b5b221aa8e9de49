package io.clearpost.support;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads {@code /actuator/prometheus} as an operator's scraper does, and the samples in it. */
public final class Prometheus {

    private Prometheus() {
    }

    /** The scrape, as the administrator (the endpoint needs credentials like every other). */
    public static String scrape(int port) {
        Api.Response r = Api.as(port, "root").get("/actuator/prometheus");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.text();
    }

    /** The value of the one sample of {@code name} carrying all the labels; fails when the scrape has no such series. */
    public static double value(String metrics, String name, String... labels) {
        Double found = sample(metrics, name, labels);
        if (found == null) {
            throw new AssertionError("no " + name + " " + List.of(labels) + " in the scrape");
        }
        return found;
    }

    /** The same, 0 for a series that does not exist yet (a counter appears with its first increment). */
    public static double valueOrZero(String metrics, String name, String... labels) {
        Double found = sample(metrics, name, labels);
        return found == null ? 0 : found;
    }

    private static Double sample(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        Double found = null;
        while (m.find()) {
            String labelSet = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= labelSet.contains(label);
            }
            if (all) {
                assertThat(found).as("more than one %s sample with %s", name, List.of(labels)).isNull();
                found = Double.parseDouble(m.group(2));
            }
        }
        return found;
    }
}
