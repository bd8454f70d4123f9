package de.fachplan.api.sync.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The production rules for webhook targets (the test profile allows only its loopback receiver). */
class WebhookTargetsTest {

    /** The mapping's defaults (what production runs with) and the given settings over them. */
    private static WebhookTargets with(Map<String, String> settings) {
        WebhookTargets targets = new WebhookTargets();
        targets.config = new SmallRyeConfigBuilder().withMapping(WebhooksConfig.class)
                .withSources(new PropertiesConfigSource(settings, "test settings", 100)).build()
                .getConfigMapping(WebhooksConfig.class);
        return targets;
    }

    private static WebhookTargets production(List<String> allowedHosts) {
        return with(allowedHosts.isEmpty() ? Map.of() : Map.of("fachplan.webhooks.allowed-hosts", String.join(",", allowedHosts)));
    }

    /** Each spelling of a special-purpose address, and the block its refusal must name. */
    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
            "https://127.0.0.1/hook                       | loopback",
            "https://10.1.2.3/hook                        | private-use",
            "https://172.16.5.5/hook                      | private-use",
            "https://192.168.0.10/hook                    | private-use",
            "https://169.254.169.254/latest/meta-data     | link-local",
            "https://0.0.0.0/hook                         | this network",
            "https://100.64.0.1/hook                      | shared address space",
            "https://255.255.255.255/hook                 | limited broadcast",
            "https://198.18.0.1/hook                      | benchmarking",
            "https://198.19.255.254/hook                  | benchmarking",
            "https://192.0.0.8/hook                       | IETF protocol assignments",
            "https://192.0.2.1/hook                       | TEST-NET-1",
            "https://198.51.100.7/hook                    | TEST-NET-2",
            "https://203.0.113.9/hook                     | TEST-NET-3",
            "https://240.0.0.1/hook                       | reserved",
            "https://224.0.0.251/hook                     | multicast",
            "https://192.88.99.1/hook                     | 6to4 relay",
            "https://[::1]/hook                           | loopback",
            "https://[::]/hook                            | unspecified",
            "https://[fd00::1]/hook                       | unique-local",
            "https://[fc00::1]/hook                       | unique-local",
            "https://[fe80::1]/hook                       | link-local",
            "https://[fec0::1]/hook                       | site-local",
            "https://[ff02::1]/hook                       | multicast",
            "https://[100::1]/hook                        | discard-only",
            "https://[2001:db8::1]/hook                   | documentation",
            "https://[3fff::1]/hook                       | documentation",
            "https://[2001:2::1]/hook                     | IETF protocol assignments",
            "https://[64:ff9b:1::a9fe:a9fe]/hook          | local-use IPv4/IPv6 translation",
            "https://[64:ff9b::a9fe:a9fe]/hook            | 169.254.169.254, which is link-local",
            "https://[64:ff9b::10.0.0.1]/hook             | 10.0.0.1, which is private-use",
            "https://[2002:a9fe:a9fe::1]/hook             | 169.254.169.254, which is link-local",
            "https://[2002:7f00:1::]/hook                 | 127.0.0.1, which is loopback",
            "https://[2001:0:5db8:d822:0:0:f5ff:fffe]/hook | 10.0.0.1, which is private-use",
            "https://[2001:0:0a00:0001::5db8:d822]/hook   | 10.0.0.1, which is private-use",
            "https://[::127.0.0.1]/hook                   | 127.0.0.1, which is loopback",
            "https://[::a9fe:a9fe]/hook                   | 169.254.169.254, which is link-local",
            "https://[::ffff:127.0.0.1]/hook              | loopback",
            "https://[::ffff:a9fe:a9fe]/hook              | link-local",
            "https://[0:0:0:0:0:ffff:c0a8:1]/hook         | private-use",
            "https://[::ffff:0:10.0.0.1]/hook             | 10.0.0.1, which is private-use",
            "https://[::ffff:0:a9fe:a9fe]/hook            | 169.254.169.254, which is link-local",
            "https://[fe80::1%251]/hook                   | link-local",
            "https://2130706433/hook                      | ''",
            "https://0x7f000001/hook                      | ''",
            "https://127.1/hook                           | ''",
            "https://localhost/hook                       | loopback",
    })
    void refusesEverySpellingOfASpecialPurposeAddress(String url, String block) {
        Optional<String> refusal = production(List.of()).refusal(url);
        assertTrue(refusal.isPresent(), url + " must be refused");
        assertTrue(refusal.get().contains(block), url + ": " + refusal.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "https://user:pw@93.184.216.34/", "not a url", "ftp://93.184.216.34/"})
    void refusesWhatIsNotAnHttpsUrlToAHost(String url) {
        assertTrue(production(List.of()).refusal(url).isPresent(), url + " must be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
            "https://[64:ff9b::5db8:d822]/hook", "https://[2002:5db8:d822::1]/hook",
            "https://[2001:0:5db8:d822::a247:27dd]/hook"})
    void acceptsPublicAddressesAlsoWhenCarriedInIpv6(String url) {
        assertEquals(Optional.empty(), production(List.of()).refusal(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.1.2.3/hook", "https://[64:ff9b::a9fe:a9fe]/hook"})
    void acceptsInternalTargetsOnlyWhenTheOperatorAllowsThem(String url) {
        String host = url.substring("https://".length(), url.indexOf("/hook"));
        assertEquals(Optional.empty(), production(List.of(host)).refusal(url));
        WebhookTargets open = with(Map.of("fachplan.webhooks.allow-private-networks", "true"));
        assertEquals(Optional.empty(), open.refusal(url));
    }

    @Test
    void aRefusalNamesTheSettingThatWouldAllowIt() {
        WebhookTargets targets = production(List.of());
        assertTrue(targets.refusal("http://93.184.216.34/hook").orElseThrow()
                .contains("FACHPLAN_WEBHOOKS_REQUIRE_HTTPS=false"));
        String internal = targets.refusal("https://10.1.2.3/hook").orElseThrow();
        assertTrue(internal.contains("FACHPLAN_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true"), internal);
        assertTrue(internal.contains("FACHPLAN_WEBHOOKS_ALLOWED_HOSTS"), internal);
    }
}
