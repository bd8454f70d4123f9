package de.fachplan.api.sync.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The production rules for webhook targets (the test profile allows loopback for its receiver). */
class WebhookTargetsTest {

    private static WebhookTargets production(List<String> allowedHosts) {
        WebhookTargets targets = new WebhookTargets();
        targets.requireHttps = true;
        targets.allowPrivateNetworks = false;
        targets.allowedHosts = allowedHosts.isEmpty() ? Optional.empty() : Optional.of(allowedHosts);
        return targets;
    }

    @Test
    void refusesPlainHttpAndInternalAddresses() {
        WebhookTargets targets = production(List.of());
        for (String url : List.of("http://93.184.216.34/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook",
                "https://192.168.0.10/hook", "https://172.16.5.5/hook", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/hook", "https://[fd00::1]/hook", "https://0.0.0.0/hook", "https://user:pw@93.184.216.34/",
                "not a url")) {
            assertTrue(targets.refusal(url).isPresent(), url + " must be refused");
        }
    }

    @Test
    void acceptsPublicHttpsAndHostsTheOperatorAllows() {
        assertEquals(Optional.empty(), production(List.of()).refusal("https://93.184.216.34/hook"));
        assertEquals(Optional.empty(), production(List.of("10.1.2.3")).refusal("https://10.1.2.3/hook"));
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
