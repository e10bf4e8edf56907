package dev.atelier.application.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    private final WebhookTargets anyPublicHost = WebhookTargets.of("", "");

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "192.0.0.170", "198.18.0.1",
            "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a9fe:a9fe", "2002:c0a8:0101::1",
            "::10.0.0.1", "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1", "100::1", "2001:db8::1",
            "2001::1", "2001:1ff::1"})
    void private_loopback_link_local_and_reserved_addresses_are_not_public(String address) throws Exception {
        assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "198.20.0.1",
            "2606:4700:4700::1111", "64:ff9b::808:808", "2002:0808:0808::1", "2001:4860:4860::8888", "2001:200::1"})
    void addresses_on_the_internet_are_public(String address) throws Exception {
        assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isTrue();
    }

    /** What a resolver may answer for an AAAA query: an IPv6 address that carries an IPv4 one, kept as IPv6. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "10.1.2.3"})
    void an_ipv4_mapped_ipv6_answer_is_judged_by_the_ipv4_address_it_carries(String ipv4) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, bytes, 12, 4);
        InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);

        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(WebhookTargets.isPublic(mapped)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://127.1/", "http://0/", "http://999.1.1.1/x",
            "http://10.0.0.1./x"})
    void other_spellings_of_an_address_are_refused_as_written(String url) {
        assertThat(anyPublicHost.refusal(url)).isPresent();
    }

    @Test
    void an_address_written_as_a_private_ip_is_refused_without_a_lookup() {
        assertThat(anyPublicHost.refusal("http://127.0.0.1:8080/admin")).hasValueSatisfying(reason ->
                assertThat(reason).contains("127.0.0.1").contains("not a public address"));
        assertThat(anyPublicHost.refusal("http://[::1]/hook")).isPresent();
        assertThat(anyPublicHost.refusal("https://169.254.169.254/latest/meta-data")).isPresent();
        assertThat(anyPublicHost.refusal("https://hooks.example.com/x?token=1")).isEmpty();
        assertThat(anyPublicHost.refusal("https://93.184.216.34/x")).isEmpty();
    }

    @Test
    void only_http_and_https_urls_with_a_host_are_webhooks() {
        assertThat(anyPublicHost.refusal("ftp://hooks.example.com/x")).isPresent();
        assertThat(anyPublicHost.refusal("file:///etc/passwd")).isPresent();
        assertThat(anyPublicHost.refusal("http:///nohost")).isPresent();
        assertThat(anyPublicHost.refusal("https://user:secret@hooks.example.com/x")).as("user info").isPresent();
        assertThat(anyPublicHost.refusal("not a url")).isPresent();
    }

    @Test
    void a_name_is_judged_by_the_addresses_it_resolves_to() throws Exception {
        String url = "https://hooks.example.com/x";

        assertThat(anyPublicHost.refusal(url, List.of(InetAddress.getByName("93.184.216.34")))).isEmpty();
        assertThat(anyPublicHost.refusal(url, List.of(InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.0.0.5")))).hasValueSatisfying(reason ->
                assertThat(reason).contains("hooks.example.com resolves to 10.0.0.5"));
    }

    @Test
    void with_allowed_hosts_only_those_hosts_and_their_patterns_are_reached_even_on_a_private_network()
            throws Exception {
        WebhookTargets allowed = WebhookTargets.of(" hooks.example.com, *.partner.test ,127.0.0.1:9000", null);
        List<InetAddress> privateAddress = List.of(InetAddress.getByName("10.0.0.5"));

        assertThat(allowed.refusal("https://HOOKS.example.com./x", privateAddress)).isEmpty();
        assertThat(allowed.refusal("https://eu.partner.test/x", privateAddress)).isEmpty();
        assertThat(allowed.refusal("http://127.0.0.1:9000/x")).isEmpty();
        assertThat(allowed.refusal("http://127.0.0.1:8080/api/outbox")).as("only the port named").isPresent();
        assertThat(allowed.refusal("https://partner.test/x")).hasValueSatisfying(reason ->
                assertThat(reason).contains("WEBHOOK_ALLOWED_HOSTS"));
        assertThat(allowed.refusal("https://evilpartner.test/x")).isPresent();
        assertThat(allowed.refusal("https://hooks.example.com.evil.test/x")).isPresent();
        assertThat(allowed.refusal("https://93.184.216.34/x")).isPresent();
    }

    @Test
    void the_origin_of_the_operators_own_webhook_is_always_allowed_and_only_that() throws Exception {
        WebhookTargets targets = WebhookTargets.of("", "http://hooks.internal:8080/atelier");
        List<InetAddress> internal = List.of(InetAddress.getByName("10.0.0.9"));

        assertThat(targets.refusal("http://hooks.internal:8080/other", internal)).isEmpty();
        assertThat(targets.refusal("http://hooks.internal:6379/", internal)).as("another port").isPresent();
        assertThat(targets.refusal("https://hooks.internal:8080/other", internal)).as("another scheme").isPresent();
        assertThat(targets.refusal("http://other.internal:8080/x", internal)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com", "hooks.example.com/path", "user@hooks.example.com",
            "hooks.example.com:http"})
    void an_allowed_hosts_entry_that_is_not_a_host_stops_the_start(String entry) {
        assertThatThrownBy(() -> WebhookTargets.of("ok.example.com," + entry, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
    }
}
