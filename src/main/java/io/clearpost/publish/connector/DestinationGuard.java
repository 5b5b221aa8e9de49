package io.clearpost.publish.connector;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.HttpRequestInterceptor;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the URLs that come from content and brands (media files, webhook endpoints) may lead: nowhere
 * inside our own network. A media URL or a webhook endpoint names any host its author likes; left
 * unchecked, publishing would fetch from, or post to, the loopback interface, the cloud's metadata
 * service (169.254.169.254) or any private address our servers reach (server-side request forgery).
 *
 * <ul>
 *   <li>The scheme is {@code https}; {@code http} only outside production ({@code clearpost.production=false}).
 *   Checked for the first request and for every redirect hop ({@link #schemeCheck()}).</li>
 *   <li>The address is public. This is checked <em>at connect time</em>: Apache HttpClient asks this
 *   resolver ({@link #resolve(String)}) for the addresses of every host it connects to, the first and
 *   each redirect's, and connects only to those it answers. It resolves the name once, drops every
 *   address that is not public and answers the rest, so a name that resolved to a public address when
 *   someone looked and to a private one when we connect (DNS rebinding) is refused, and no second lookup
 *   happens between the check and the connect. Refused: unspecified ({@code 0.0.0.0/8}, {@code ::}),
 *   loopback ({@code 127/8}, {@code ::1}), private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16},
 *   {@code fc00::/7}), link-local ({@code 169.254/16}, {@code fe80::/10}), carrier-grade NAT
 *   ({@code 100.64/10}), multicast ({@code 224/4}, {@code ff00::/8}), reserved and broadcast
 *   ({@code 240/4}), the deprecated site-local {@code fec0::/10}, and IPv6 addresses that embed a refused
 *   IPv4 address (IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16};
 *   IPv4-mapped addresses are IPv4 addresses to Java already).</li>
 *   <li>{@code clearpost.connectors.allowed-hosts} lets named hosts (any address they resolve to),
 *   addresses or CIDR ranges through although they are not public: an internal CDN, or WireMock on
 *   127.0.0.1 in tests. Empty by default. It does not relax the scheme.</li>
 * </ul>
 *
 * A refusal is a {@link Refused} (an {@link UnknownHostException}, so the HTTP client gives up on the
 * host without connecting); {@link PlatformHttp#call} turns it into a permanent {@link PublishFailure}.
 */
public class DestinationGuard implements DnsResolver {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** IPv4 ranges that are not the public internet, with the reason a refusal names. */
    private static final List<Range> REFUSED_V4 = List.of(
            Range.of("0.0.0.0/8", "an unspecified address"),
            Range.of("10.0.0.0/8", "a private address"),
            Range.of("100.64.0.0/10", "a carrier-grade NAT address"),
            Range.of("127.0.0.0/8", "a loopback address"),
            Range.of("169.254.0.0/16", "a link-local address"),
            Range.of("172.16.0.0/12", "a private address"),
            Range.of("192.168.0.0/16", "a private address"),
            Range.of("224.0.0.0/4", "a multicast address"),
            Range.of("240.0.0.0/4", "a reserved or broadcast address"));

    /** IPv6 ranges that are not the public internet (IPv4-embedding ones are checked by their IPv4 part). */
    private static final List<Range> REFUSED_V6 = List.of(
            Range.of("::/128", "an unspecified address"),
            Range.of("::1/128", "a loopback address"),
            Range.of("fc00::/7", "a private (unique local) address"),
            Range.of("fe80::/10", "a link-local address"),
            Range.of("fec0::/10", "a site-local address"),
            Range.of("ff00::/8", "a multicast address"));

    private final boolean production;
    private final List<Range> allowedRanges = new ArrayList<>();
    private final List<String> allowedNames = new ArrayList<>();

    /**
     * @param allowedHosts host names, addresses or CIDR ranges let through although not public
     * @param production   whether only {@code https} is allowed
     */
    public DestinationGuard(List<String> allowedHosts, boolean production) {
        this.production = production;
        for (String entry : allowedHosts) {
            String host = entry.trim().toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
            if (host.isEmpty()) {
                continue;
            }
            if (host.contains("/") || isLiteral(host)) {
                allowedRanges.add(Range.of(host.contains("/") ? host : host + "/" + (host.contains(":") ? 128 : 32),
                        "allowed"));
            } else {
                allowedNames.add(host);
            }
        }
    }

    /** Refuses a URL (first request or redirect target) whose scheme is not allowed here. */
    public void checkScheme(URI uri) throws Refused {
        checkScheme(uri.getScheme(), uri.getHost());
    }

    private void checkScheme(String scheme, String host) throws Refused {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        if (s.equals("https") || (s.equals("http") && !production)) {
            if (host == null || host.isBlank()) {
                throw new Refused("the URL names no host");
            }
            return;
        }
        throw new Refused(s.equals("http") ? "http is refused in production (clearpost.production=true); use https"
                : "only https" + (production ? "" : " or http") + " URLs are fetched, not " + (s.isEmpty() ? "this" : s));
    }

    /**
     * Run on every request the client sends, the first and each redirect's: the scheme must be allowed.
     * (The address is checked when connecting, by {@link #resolve(String)}.)
     */
    public HttpRequestInterceptor schemeCheck() {
        return (request, entity, context) -> checkScheme(request.getScheme(),
                request.getAuthority() == null ? null : request.getAuthority().getHostName());
    }

    /** The host's addresses the client may connect to: all of them if the host is allowed by name, else the public ones. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = InetAddress.getAllByName(name);
        if (allowedNames.contains(name.toLowerCase(Locale.ROOT))) {
            return all;
        }
        List<InetAddress> allowed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (InetAddress address : all) {
            String why = refusal(address);
            if (why == null) {
                allowed.add(address);
            } else {
                refused.add(address.getHostAddress() + " is " + why);
            }
        }
        if (allowed.isEmpty()) {
            throw new Refused(isLiteral(name) ? refused.get(0) + ", not a public one"
                    : name + " resolves to no public address: " + String.join("; ", refused));
        }
        return allowed.toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        InetAddress[] addresses = resolve(host);
        String canonical = addresses[0].getCanonicalHostName();
        return canonical.equals(addresses[0].getHostAddress()) ? host : canonical;
    }

    /** Why Clearpost does not connect to the address, or null when it may (public, or allowed). */
    String refusal(InetAddress address) {
        for (Range allowed : allowedRanges) {
            if (allowed.contains(address)) {
                return null;
            }
        }
        if (address instanceof Inet4Address) {
            return refusedV4(address.getAddress());
        }
        byte[] bytes = address.getAddress();
        for (Range range : REFUSED_V6) {
            if (range.contains(address)) {
                return range.reason();
            }
        }
        byte[] embedded = embeddedV4(bytes);
        if (embedded != null) {
            String why = refusedV4(embedded);
            if (why != null) {
                return why + " (inside an IPv6 address)";
            }
        }
        return null;
    }

    private static String refusedV4(byte[] v4) {
        for (Range range : REFUSED_V4) {
            if (range.contains(v4)) {
                return range.reason();
            }
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}), NAT64 or 6to4 address; else null. */
    private static byte[] embeddedV4(byte[] v6) {
        boolean zeros96 = true;
        for (int i = 0; i < 12; i++) {
            zeros96 &= v6[i] == 0;
        }
        byte[] nat64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
        if (zeros96 || Arrays.equals(Arrays.copyOf(v6, 12), nat64)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    private static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** A refused destination; what it says goes into the publication's failure. */
    public static class Refused extends UnknownHostException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** An address range in CIDR notation. */
    record Range(byte[] network, int prefix, String reason) {

        static Range of(String cidr, String reason) {
            int slash = cidr.indexOf('/');
            String address = cidr.substring(0, slash);
            if (!isLiteral(address)) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            try {
                // a literal: no name is looked up
                byte[] network = InetAddress.getByName(address).getAddress();
                int prefix = Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("not an address range: " + cidr);
                }
                return new Range(network, prefix, reason);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            return contains(address.getAddress());
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
