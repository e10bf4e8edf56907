package dev.atelier.application.shared;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks may go. A webhook address comes from whoever places an order or asks for a notification, so
 * without a rule the service would POST wherever it is told: to its own ports on loopback, to a cloud's
 * metadata address, to any host of the private network it runs in (server-side request forgery). The rule:
 * <ul>
 *   <li>with {@code WEBHOOK_ALLOWED_HOSTS} set, only those hosts ({@code hooks.example.com}, {@code *.example.com}
 *       for its subdomains, {@code hooks.internal:8443} for one port only); the operator named them, so they may
 *       be private;</li>
 *   <li>without it, any host whose addresses are all public;</li>
 *   <li>the origin (scheme, host and port) of {@code WEBHOOK_URL} is always allowed: the operator wrote it.</li>
 * </ul>
 * An address is checked as written when it comes in, without a DNS lookup (so the answer does not depend on
 * what a name resolves to at that moment), and again before every send over the addresses its host has then.
 */
public final class WebhookTargets {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Digits and dots only: never a DNS name (no top-level domain is numeric), but other spellings of an address. */
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");
    private static final Pattern HOST_RULE = Pattern.compile("(\\*\\.)?([a-z0-9-]+(\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+])(:\\d{1,5})?");

    private final List<HostRule> allowedHosts;
    private final Target operatorOrigin;

    private WebhookTargets(List<HostRule> allowedHosts, Target operatorOrigin) {
        this.allowedHosts = allowedHosts;
        this.operatorOrigin = operatorOrigin;
    }

    /**
     * @param allowedHosts       comma-separated hosts, {@code *.domain} patterns, each with an optional
     *                           {@code :port}; blank for any public host
     * @param operatorWebhookUrl the configured default webhook, whose origin is always allowed; blank for none
     * @throws IllegalArgumentException for an entry that is not a host (a URL, say), naming it
     */
    public static WebhookTargets of(String allowedHosts, String operatorWebhookUrl) {
        List<HostRule> rules = allowedHosts == null ? List.of() : Arrays.stream(allowedHosts.split(","))
                .map(String::strip).filter(entry -> !entry.isEmpty()).map(HostRule::parse).toList();
        Target operator = operatorWebhookUrl == null || operatorWebhookUrl.isBlank() ? null
                : Target.of(operatorWebhookUrl).orElse(null);
        return new WebhookTargets(rules, operator);
    }

    /** Why a webhook may not go to this address as written, or empty when it may (its host still to resolve). */
    public Optional<String> refusal(String url) {
        Optional<Target> parsed = Target.of(url);
        if (parsed.isEmpty()) {
            return Optional.of("must be an absolute http(s) URL with a host and no user name or password in it");
        }
        Target target = parsed.get();
        if (trusted(target)) {
            return Optional.empty();
        }
        if (!allowedHosts.isEmpty()) {
            return Optional.of("host " + target.hostAndPort() + " is not among the allowed webhook hosts"
                    + " (WEBHOOK_ALLOWED_HOSTS)");
        }
        boolean writtenAsAddress = target.host().contains(":") || NUMERIC.matcher(target.host()).matches();
        if (!writtenAsAddress) {
            return Optional.empty();
        }
        Optional<InetAddress> address = literal(target.host());
        if (address.isEmpty()) {
            return Optional.of("host " + target.host() + " is neither a name nor an IP address in its usual form");
        }
        return isPublic(address.get()) ? Optional.empty()
                : Optional.of("host " + target.host() + " is not a public address");
    }

    /** Why a webhook may not go to this address now that its host resolved to these addresses, or empty. */
    public Optional<String> refusal(String url, List<InetAddress> resolved) {
        Optional<String> asWritten = refusal(url);
        if (asWritten.isPresent()) {
            return asWritten;
        }
        Target target = Target.of(url).orElseThrow();
        if (trusted(target)) {
            return Optional.empty();
        }
        return resolved.stream().filter(address -> !isPublic(address)).findFirst()
                .map(address -> "host " + target.host() + " resolves to " + address.getHostAddress()
                        + ", which is not a public address (name it in WEBHOOK_ALLOWED_HOSTS to allow it)");
    }

    private boolean trusted(Target target) {
        return target.equals(operatorOrigin) || allowedHosts.stream().anyMatch(rule -> rule.matches(target));
    }

    /**
     * Where an http(s) URL points: scheme, host (lower case, no brackets, no trailing dot) and port (the scheme's
     * default if none). The webhook channel connects by it, so the rule and the connection read a URL alike.
     */
    public record Target(String scheme, String host, int port) {

        /** Empty for anything but an absolute http(s) URL with a host and no user info. */
        public static Optional<Target> of(String url) {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                        || uri.getRawUserInfo() != null) {
                    return Optional.empty();
                }
                int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                return Optional.of(new Target(scheme, normalized(uri.getHost()), port));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        String hostAndPort() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** One entry of WEBHOOK_ALLOWED_HOSTS: a host, or {@code *.domain} for its subdomains, any port or one. */
    private record HostRule(String host, boolean subdomains, Integer port) {

        static HostRule parse(String entry) {
            String lower = entry.toLowerCase(Locale.ROOT);
            if (!HOST_RULE.matcher(lower).matches()) {
                throw new IllegalArgumentException("WEBHOOK_ALLOWED_HOSTS: '" + entry + "' is not a host, *.domain or"
                        + " host:port");
            }
            boolean subdomains = lower.startsWith("*.");
            String rest = subdomains ? lower.substring(1) : lower;
            Integer port = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf(']')) {
                port = Integer.valueOf(rest.substring(colon + 1));
                rest = rest.substring(0, colon);
            }
            return new HostRule(normalized(rest), subdomains, port);
        }

        boolean matches(Target target) {
            boolean host = subdomains ? target.host().endsWith(this.host) : target.host().equals(this.host);
            return host && (port == null || port == target.port());
        }
    }

    /**
     * Whether an address is on the public internet: not loopback, unspecified, private (RFC 1918, IPv6 unique
     * local), link-local (where clouds serve instance metadata), carrier-grade NAT, multicast, or set aside for
     * documentation, benchmarks, protocols and the future. IPv4 addresses carried in IPv6 (mapped, compatible,
     * NAT64, 6to4) are judged by the IPv4 address they carry: a dual-stack socket connects to that.
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        boolean mapped = Arrays.equals(bytes, 0, 10, new byte[10], 0, 10) && bytes[10] == (byte) 0xff
                && bytes[11] == (byte) 0xff;
        boolean compatible = Arrays.equals(bytes, 0, 12, new byte[12], 0, 12);
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                && (Arrays.equals(bytes, 4, 12, new byte[8], 0, 8) || bytes[4] == 0 && bytes[5] == 1);
        if (mapped || compatible || nat64) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        int first16 = (bytes[0] & 0xff) << 8 | bytes[1] & 0xff;
        int second16 = (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
        boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
        boolean discard = first16 == 0x0100 && second16 == 0 && bytes[4] == 0 && bytes[5] == 0 && bytes[6] == 0
                && bytes[7] == 0;
        boolean protocolAssignments = first16 == 0x2001 && second16 < 0x0200;
        boolean documentation = first16 == 0x2001 && second16 == 0x0db8;
        return !(uniqueLocal || discard || protocolAssignments || documentation);
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress() || address.isMulticastAddress()) {
                return false;
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("four bytes always make an IPv4 address", e);
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        int third = bytes[2] & 0xff;
        boolean thisNetwork = first == 0;
        boolean carrierGradeNat = first == 100 && (second & 0xc0) == 64;
        boolean protocolAssignments = first == 192 && second == 0 && third == 0;
        boolean documentation = first == 192 && second == 0 && third == 2 || first == 198 && second == 51 && third == 100
                || first == 203 && second == 0 && third == 113;
        boolean relayAnycast = first == 192 && second == 88 && third == 99;
        boolean benchmarking = first == 198 && (second & 0xfe) == 18;
        boolean reserved = first >= 240;
        return !(thisNetwork || carrierGradeNat || protocolAssignments || documentation || relayAnycast || benchmarking
                || reserved);
    }

    /**
     * An IP address written as the host, read without a lookup; empty for a name. {@link URI} accepts only valid
     * IPv6 literals, so one with a colon parses as such; dotted quads are read here, since
     * {@link InetAddress#getByName} would look up one that is out of range.
     */
    private static Optional<InetAddress> literal(String host) {
        try {
            if (host.contains(":")) {
                return Optional.of(InetAddress.getByName(host));
            }
            if (!IPV4_LITERAL.matcher(host).matches()) {
                return Optional.empty();
            }
            String[] parts = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String normalized(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
