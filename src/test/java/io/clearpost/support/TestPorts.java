package io.clearpost.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ports of the platform stand-ins (and of the SMTP stand-in), chosen once per test JVM and kept as system
 * properties ({@code test.port.<platform>}) that application-test.yaml points the connectors at. The suite runs
 * in parallel JVMs (surefire forks), each with stand-ins of its own. Registered as an environment post-processor
 * (src/test/resources/META-INF/spring.factories) so the ports exist before any test context reads them.
 * <p>
 * A stand-in binds its port only when a test first uses it, so the port is chosen <em>below the kernel's
 * ephemeral range</em>: a random port (a test context's Tomcat, an outgoing connection) can never take it in
 * between. A port chosen is reserved for the JVM's lifetime by a file lock ({@code <tmp>/clearpost-test-ports}),
 * which the operating system lets go when the JVM ends, so two test JVMs side by side never choose the same one.
 */
public final class TestPorts implements EnvironmentPostProcessor {

    static final List<String> PLATFORMS = List.of("instagram", "facebook", "threads", "linkedin", "x", "tiktok",
            "pinterest", "youtube", "mastodon", "webhook");

    /** The SMTP stand-in of the mail tests ({@link MailServer}). */
    static final String SMTP = "smtp";

    private static final int LOWEST = 20_000;
    private static final int BLOCK = 32;
    private static final Set<Integer> CHOSEN = new HashSet<>();
    private static final List<FileChannel> RESERVATIONS = new ArrayList<>();

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
        int port = freePortBelowEphemeralRange();
        CHOSEN.add(port);
        System.setProperty(key, Integer.toString(port));
        return port;
    }

    private static int freePortBelowEphemeralRange() {
        int highest = ephemeralRangeStart() - 1;
        int span = highest - LOWEST + 1;
        if (span < BLOCK) {
            throw new IllegalStateException("no room below the ephemeral port range for the test stand-ins");
        }
        int start = LOWEST + (int) ((jvmSeed() * BLOCK) % span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start - LOWEST + i) % span;
            if (!CHOSEN.contains(port) && reserved(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port below the ephemeral range for the test stand-ins");
    }

    /** Where this JVM starts its search: spreads test JVMs side by side over the range. */
    private static long jvmSeed() {
        return ProcessHandle.current().pid();
    }

    /** Whether this JVM now holds the port's lock file, which no other JVM can take until this one ends. */
    private static boolean reserved(int port) {
        try {
            Path directory = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "clearpost-test-ports"));
            FileChannel channel = FileChannel.open(directory.resolve(port + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return false;
            }
            RESERVATIONS.add(channel);
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: /proc reports a size of 0, and readString then reads a single byte
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
