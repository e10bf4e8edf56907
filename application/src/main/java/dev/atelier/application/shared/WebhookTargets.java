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
 *   <li>with {@code WEBHOOK_ALLOWED_HOSTS} set, only those hosts ({@code hooks.example.com}, or
 *       {@code *.example.com} for its subdomains); the operator named them, so they may be private;</li>
 *   <li>without it, any host whose addresses are all public;</li>
 *   <li>the host of {@code WEBHOOK_URL} is always allowed: the operator wrote it.</li>
 * </ul>
 * An address is checked as written when it comes in, without a DNS lookup (so the answer does not depend on
 * what a name resolves to at that moment), and again before every send over the addresses its host has then.
 */
public final class WebhookTargets {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> allowedHosts;
    private final String operatorHost;

    private WebhookTargets(List<String> allowedHosts, String operatorHost) {
        this.allowedHosts = allowedHosts;
        this.operatorHost = operatorHost;
    }

    /**
     * @param allowedHosts      comma-separated hosts and {@code *.domain} patterns; blank for any public host
     * @param operatorWebhookUrl the configured default webhook, whose host is always allowed; blank for none
     */
    public static WebhookTargets of(String allowedHosts, String operatorWebhookUrl) {
        List<String> hosts = allowedHosts == null ? List.of() : Arrays.stream(allowedHosts.split(","))
                .map(String::strip).filter(host -> !host.isEmpty()).map(WebhookTargets::normalized).toList();
        String operator = operatorWebhookUrl == null || operatorWebhookUrl.isBlank() ? null
                : hostOf(operatorWebhookUrl).map(WebhookTargets::normalized).orElse(null);
        return new WebhookTargets(hosts, operator);
    }

    /** Why a webhook may not go to this address as written, or empty when it may (its host still to resolve). */
    public Optional<String> refusal(String url) {
        Optional<String> host = hostOf(url);
        if (host.isEmpty()) {
            return Optional.of("must be an absolute http(s) URL with a host");
        }
        String name = normalized(host.get());
        if (trusted(name)) {
            return Optional.empty();
        }
        if (!allowedHosts.isEmpty()) {
            return Optional.of("host " + name + " is not among the allowed webhook hosts (WEBHOOK_ALLOWED_HOSTS)");
        }
        return literal(name).filter(address -> !isPublic(address))
                .map(address -> "host " + name + " is not a public address");
    }

    /** Why a webhook may not go to this address now that its host resolved to these addresses, or empty. */
    public Optional<String> refusal(String url, List<InetAddress> resolved) {
        Optional<String> asWritten = refusal(url);
        if (asWritten.isPresent()) {
            return asWritten;
        }
        String name = normalized(hostOf(url).orElseThrow());
        if (trusted(name)) {
            return Optional.empty();
        }
        return resolved.stream().filter(address -> !isPublic(address)).findFirst()
                .map(address -> "host " + name + " resolves to " + address.getHostAddress()
                        + ", which is not a public address (name it in WEBHOOK_ALLOWED_HOSTS to allow it)");
    }

    /** The host of an http(s) URL, as written (an IPv6 literal without its brackets). */
    public static Optional<String> hostOf(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            String host = uri.getHost();
            return Optional.of(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether an address is on the public internet: not loopback, unspecified, private (RFC 1918, IPv6 unique
     * local), link-local (where clouds serve instance metadata), carrier-grade NAT, multicast or reserved. IPv4
     * addresses carried in IPv6 (mapped, NAT64, 6to4) are judged by the IPv4 address they carry.
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
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                && Arrays.equals(bytes, 4, 12, new byte[8], 0, 8);
        if (nat64 || Arrays.equals(bytes, 0, 12, new byte[12], 0, 12)) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return (bytes[0] & 0xfe) != 0xfc;
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
        boolean thisNetwork = first == 0;
        boolean carrierGradeNat = first == 100 && (second & 0xc0) == 64;
        boolean protocolAssignments = first == 192 && second == 0 && bytes[2] == 0;
        boolean benchmarking = first == 198 && (second & 0xfe) == 18;
        boolean reserved = first >= 240;
        return !(thisNetwork || carrierGradeNat || protocolAssignments || benchmarking || reserved);
    }

    private boolean trusted(String host) {
        return host.equals(operatorHost) || allowedHosts.stream().anyMatch(allowed -> allowed.startsWith("*.")
                ? host.endsWith(allowed.substring(1)) : host.equals(allowed));
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
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
