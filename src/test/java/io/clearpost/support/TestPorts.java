package io.clearpost.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The ports of the platform stand-ins (and of the SMTP stand-in), chosen free once per test JVM and kept as system properties
 * ({@code test.port.<platform>}) that application-test.yaml points the connectors at. The suite runs in
 * parallel JVMs (surefire forks), each with stand-ins of its own. Registered as an environment post-processor
 * (src/test/resources/META-INF/spring.factories) so the ports exist before any test context reads them.
 */
public final class TestPorts implements EnvironmentPostProcessor {

    static final List<String> PLATFORMS = List.of("instagram", "facebook", "threads", "linkedin", "x", "tiktok",
            "pinterest", "youtube", "mastodon", "webhook");

    /** The SMTP stand-in of the mail tests ({@link MailServer}). */
    static final String SMTP = "smtp";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PLATFORMS.forEach(TestPorts::of);
        of(SMTP);
    }

    /** The stand-in port of the platform in this JVM. */
    public static synchronized int of(String platform) {
        String key = "test.port." + platform;
        String chosen = System.getProperty(key);
        if (chosen != null) {
            return Integer.parseInt(chosen);
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty(key, Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the " + platform + " stand-in", e);
        }
    }
}
