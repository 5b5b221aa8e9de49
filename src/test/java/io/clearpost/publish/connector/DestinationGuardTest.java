package io.clearpost.publish.connector;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.clearpost.content.Variant;
import io.clearpost.support.ProductionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The destination guard of media downloads and webhook POSTs, without the test profile's allow-list
 * (application-test.yaml allows 127.0.0.1 for the stand-ins): the real {@link PlatformHttp} and
 * {@link MediaFetcher}, built here with the settings each case needs, against a WireMock server of its
 * own on 127.0.0.1. The address rules are checked on literal addresses, public ones included (no
 * internet here), and one name, {@code localhost}.
 */
class DestinationGuardTest {

    private static final byte[] FILE = "approved media bytes".getBytes(StandardCharsets.UTF_8);

    private static WireMockServer cdn;

    @BeforeAll
    static void start() {
        cdn = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        cdn.start();
    }

    @AfterAll
    static void stop() {
        cdn.stop();
    }

    @BeforeEach
    void files() {
        cdn.resetAll();
        cdn.stubFor(get("/cdn/a.jpg").willReturn(aResponse().withBody(FILE)));
    }

    // ---- the address rules -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1         | a loopback address
            127.8.9.10        | a loopback address
            ::1               | a loopback address
            10.1.2.3          | a private address
            172.16.0.1        | a private address
            172.31.255.254    | a private address
            192.168.1.1       | a private address
            fd12:3456::1      | a private (unique local) address
            fc00::1           | a private (unique local) address
            169.254.169.254   | a link-local address
            fe80::1           | a link-local address
            100.64.0.1        | a carrier-grade NAT address
            100.127.255.254   | a carrier-grade NAT address
            0.0.0.0           | an unspecified address
            ::                | an unspecified address
            224.0.0.251       | a multicast address
            ff02::1           | a multicast address
            255.255.255.255   | a reserved or broadcast address
            ::ffff:10.0.0.1   | a private address
            64:ff9b::7f00:1   | a loopback address (inside an IPv6 address)
            2002:a00:1::1     | a private address (inside an IPv6 address)
            """)
    void refusesEveryAddressThatIsNotPublic(String address, String reason) {
        DestinationGuard guard = new DestinationGuard(List.of(), false);

        assertThatThrownBy(() -> guard.resolve(address)).isInstanceOf(DestinationGuard.Refused.class)
                .hasMessageContaining(reason).hasMessageContaining("not a public one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "11.0.0.1",
            "2606:4700:4700::1111", "2001:4860:4860::8888", "[2a00:1450:4007:80e::200e]"})
    void answersPublicAddresses(String address) throws Exception {
        DestinationGuard guard = new DestinationGuard(List.of(), true);

        assertThat(guard.resolve(address)).containsExactly(InetAddress.getByName(address.replaceAll("[\\[\\]]", "")));
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefused() {
        DestinationGuard guard = new DestinationGuard(List.of(), false);

        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(DestinationGuard.Refused.class)
                .hasMessageContaining("localhost resolves to no public address").hasMessageContaining("a loopback address");
    }

    @Test
    void theAllowListLetsNamedAddressesRangesAndHostsThrough() throws Exception {
        DestinationGuard guard = new DestinationGuard(List.of("127.0.0.1", "10.0.0.0/8", "[fd00::1]", "LocalHost"), true);

        assertThat(guard.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(guard.resolve("10.200.0.3")).hasSize(1);
        assertThat(guard.resolve("fd00::1")).hasSize(1);
        assertThat(guard.resolve("localhost")).isNotEmpty();
        assertThatThrownBy(() -> guard.resolve("127.0.0.2")).hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> guard.resolve("192.168.0.1")).hasMessageContaining("a private address");
        assertThatThrownBy(() -> guard.resolve("fd00::2")).hasMessageContaining("a private (unique local) address");
    }

    @Test
    void httpsOnlyInProductionAndHttpToOutsideIt() {
        DestinationGuard production = new DestinationGuard(List.of(), true);
        DestinationGuard elsewhere = new DestinationGuard(List.of(), false);

        assertThatCode(() -> production.checkScheme(URI.create("https://cdn.nova.example/a.jpg"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> production.checkScheme(URI.create("http://cdn.nova.example/a.jpg")))
                .hasMessageContaining("http is refused in production");
        assertThatCode(() -> elsewhere.checkScheme(URI.create("http://cdn.nova.example/a.jpg"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> elsewhere.checkScheme(URI.create("file:///etc/passwd"))).hasMessageContaining("not file");
        assertThatThrownBy(() -> elsewhere.checkScheme(URI.create("ftp://cdn.nova.example/a.jpg"))).hasMessageContaining("not ftp");
    }

    @Test
    void theSettingsDefaultToNoAllowedHostsAndBoundedDownloads() {
        ConnectorSettings defaults = new Binder(new MapConfigurationPropertySource(Map.of("clearpost.connectors.x.base-url",
                "https://api.x.com"))).bind("clearpost.connectors", ConnectorSettings.class).get();

        assertThat(defaults.allowedHosts()).isEmpty();
        assertThat(defaults.media().maxSize()).isEqualTo(DataSize.ofMegabytes(256));
        assertThat(defaults.media().timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    // ---- media downloads through the guard ---------------------------------------------------------

    @Test
    void aLoopbackMediaUrlIsRefusedWithoutConnecting() {
        String url = cdn.baseUrl() + "/cdn/a.jpg";

        PublishFailure failure = failure(fetcher(List.of(), false), url);

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("refused the media download " + url)
                .contains("127.0.0.1 is a loopback address");
        assertThat(cdn.getAllServeEvents()).isEmpty();
    }

    @Test
    void aPrivateLiteralAddressIsRefused() {
        PublishFailure failure = failure(fetcher(List.of(), false), "http://10.20.30.40/cdn/a.jpg");

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("refused the media download http://10.20.30.40/cdn/a.jpg")
                .contains("10.20.30.40 is a private address");
    }

    @Test
    void aHostNameResolvingToLoopbackIsRefused() {
        String url = "http://localhost:" + cdn.port() + "/cdn/a.jpg";

        PublishFailure failure = failure(fetcher(List.of(), false), url);

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("refused the media download " + url)
                .contains("localhost resolves to no public address").contains("a loopback address");
        assertThat(cdn.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRedirectToTheMetadataServiceIsRefused() {
        cdn.stubFor(get("/cdn/moved.jpg").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));
        String url = cdn.baseUrl() + "/cdn/moved.jpg";

        PublishFailure failure = failure(fetcher(List.of("127.0.0.1"), false), url);

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("refused the media download " + url)
                .contains("169.254.169.254 is a link-local address");
        cdn.verify(1, getRequestedFor(urlPathEqualTo("/cdn/moved.jpg")));
    }

    @Test
    void aRedirectToALoopbackAddressOutsideTheAllowListIsRefused() {
        cdn.stubFor(get("/cdn/moved.jpg").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://127.0.0.2:" + cdn.port() + "/cdn/a.jpg")));

        PublishFailure failure = failure(fetcher(List.of("127.0.0.1"), false), cdn.baseUrl() + "/cdn/moved.jpg");

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("127.0.0.2 is a loopback address");
        assertThat(cdn.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aRedirectToAnAllowedAddressIsFollowedAndTheFileChecked() throws PublishFailure {
        cdn.stubFor(get("/cdn/old.jpg").willReturn(aResponse().withStatus(301).withHeader("Location", "/cdn/a.jpg")));

        byte[] bytes = fetcher(List.of("127.0.0.1"), false).fetch("x", medium(cdn.baseUrl() + "/cdn/old.jpg"));

        assertThat(bytes).isEqualTo(FILE);
        cdn.verify(1, getRequestedFor(urlPathEqualTo("/cdn/a.jpg")));
    }

    @Test
    void redirectsAreFollowedAFewTimesAtMost() {
        for (int hop = 1; hop <= 5; hop++) {
            cdn.stubFor(get("/cdn/hop" + hop).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", hop == 5 ? "/cdn/a.jpg" : "/cdn/hop" + (hop + 1))));
        }

        PublishFailure failure = failure(fetcher(List.of("127.0.0.1"), false), cdn.baseUrl() + "/cdn/hop1");

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("redirects are followed " + PlatformHttp.MAX_REDIRECTS + " times at most");
        cdn.verify(0, getRequestedFor(urlPathEqualTo("/cdn/a.jpg")));
    }

    @Test
    void httpIsRefusedInProductionEvenForAnAllowedHost() {
        String url = cdn.baseUrl() + "/cdn/a.jpg";

        PublishFailure failure = failure(fetcher(List.of("127.0.0.1"), true), url);

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains(url).contains("http is refused in production");
        assertThat(cdn.getAllServeEvents()).isEmpty();
    }

    @Test
    void aFileLargerThanTheMaxSizeIsRefusedWithoutDownloadingIt() {
        // a large file, sent slowly without declaring its length: the download stops at the limit
        cdn.stubFor(get("/cdn/huge.jpg").willReturn(aResponse().withBody(new byte[200_000])
                .withChunkedDribbleDelay(20, 8_000)));
        MediaFetcher fetcher = new MediaFetcher(new PlatformHttp(settings(List.of("127.0.0.1"), DataSize.ofKilobytes(20),
                Duration.ofSeconds(30)), new ProductionSettings(false)));
        long start = System.nanoTime();

        PublishFailure failure = failure(fetcher, cdn.baseUrl() + "/cdn/huge.jpg");

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("clearpost.connectors.media.max-size");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not read to its end").isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aFileDeclaredLargerThanTheMaxSizeIsRefused() {
        MediaFetcher fetcher = new MediaFetcher(new PlatformHttp(settings(List.of("127.0.0.1"), DataSize.ofBytes(10),
                Duration.ofSeconds(10)), new ProductionSettings(false)));

        PublishFailure failure = failure(fetcher, cdn.baseUrl() + "/cdn/a.jpg");

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains(cdn.baseUrl() + "/cdn/a.jpg").contains("clearpost.connectors.media.max-size");
    }

    @Test
    void aDownloadTakingLongerThanTheMediaTimeoutIsRetried() {
        cdn.stubFor(get("/cdn/slow.jpg").willReturn(aResponse().withBody(FILE).withChunkedDribbleDelay(5, 1_500)));
        MediaFetcher fetcher = new MediaFetcher(new PlatformHttp(settings(List.of("127.0.0.1"), DataSize.ofMegabytes(1),
                Duration.ofMillis(200)), new ProductionSettings(false)));

        PublishFailure failure = failure(fetcher, cdn.baseUrl() + "/cdn/slow.jpg");

        assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.RETRYABLE);
        assertThat(failure.getMessage()).contains("clearpost.connectors.media.timeout");
    }

    private static MediaFetcher fetcher(List<String> allowedHosts, boolean production) {
        return new MediaFetcher(new PlatformHttp(settings(allowedHosts, DataSize.ofMegabytes(1), Duration.ofSeconds(10)),
                new ProductionSettings(production)));
    }

    private static ConnectorSettings settings(List<String> allowedHosts, DataSize maxSize, Duration timeout) {
        return new ConnectorSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), null, null, null, null, null, null,
                null, null, null, new ConnectorSettings.Media(maxSize, timeout), allowedHosts);
    }

    private static Variant.Media medium(String url) {
        return new Variant.Media(url, sha256(FILE), "image/jpeg");
    }

    private static PublishFailure failure(MediaFetcher fetcher, String url) {
        PublishFailure[] caught = new PublishFailure[1];
        assertThatThrownBy(() -> fetcher.verify("instagram", medium(url))).isInstanceOfSatisfying(PublishFailure.class,
                f -> caught[0] = f);
        return caught[0];
    }
}
