package de.fachplan.api.common.oidc;

import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fachplan.api.support.Api;

/**
 * The service against a real OpenID Connect provider: Keycloak, started by .ci/run with
 * deploy/keycloak/realm-fachplan.json (FACHPLAN_KEYCLOAK_URL, admin password in
 * FACHPLAN_KEYCLOAK_ADMIN_PASSWORD). Keys come from the realm's JWKS URL; roles are the client
 * roles of {@code fachplan-api}, given through groups; the organisation is a user attribute
 * mapped into a claim. Not part of {@code ./mvnw verify} (it needs the download): .ci/run runs
 * it with {@code -Dtest=KeycloakIT}.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(KeycloakIT.Realm.class)
class KeycloakIT {

    static final String KEYCLOAK = System.getenv().getOrDefault("FACHPLAN_KEYCLOAK_URL", "http://127.0.0.1:18080");
    static final String REALM = KEYCLOAK + "/realms/fachplan";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The configuration a deployment gives the service for this realm (see deploy/README.md). */
    public static class Realm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.jwt.verify.issuer", REALM,
                    "mp.jwt.verify.publickey.location", REALM + "/protocol/openid-connect/certs",
                    "fachplan.jwt.audience", "fachplan-api",
                    "smallrye.jwt.path.groups", "resource_access/fachplan-api/roles",
                    // A token signed with a key the service has not seen makes it read the JWKS again at once,
                    // and a removed key is forgotten within a minute.
                    "smallrye.jwt.jwks.forced-refresh-interval", "0",
                    "smallrye.jwt.jwks.refresh-interval", "1");
        }
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError(request.method() + " " + request.uri() + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A password grant, as a script of the city would get its token. */
    private static String token(String realmUrl, String client, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", client,
                        "username", user, "password", password))))
                .build()).path("access_token").asText();
    }

    private static String scripts(String user, String password) {
        return token(REALM, "fachplan-scripts", user, password);
    }

    private static JsonNode admin(String method, String path, Object body) {
        String adminToken = token(KEYCLOAK + "/realms/master", "admin-cli", "admin",
                System.getenv().getOrDefault("FACHPLAN_KEYCLOAK_ADMIN_PASSWORD", "admin-ci-only"));
        try {
            return send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/fachplan" + path))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * What an identity team does once: declare {@code organisation_id} in the realm's user profile,
     * seen and edited by admins only (Keycloak 24 and newer keep no undeclared attributes).
     */
    private static void declareOrganisationAttribute() {
        ObjectNode profile = (ObjectNode) admin("GET", "/users/profile", null);
        for (JsonNode attribute : profile.path("attributes")) {
            if (attribute.path("name").asText().equals("organisation_id")) {
                return;
            }
        }
        ObjectNode attribute = profile.withArray("attributes").addObject();
        attribute.put("name", "organisation_id").put("displayName", "Organisation (Fachplan)").put("multivalued", false);
        ObjectNode permissions = attribute.putObject("permissions");
        permissions.putArray("view").add("admin");
        permissions.putArray("edit").add("admin");
        admin("PUT", "/users/profile", profile);
    }

    /** What an identity team does per partner user: the organisation's id (from the service) as an attribute. */
    private static void setOrganisation(String username, String organisation) {
        JsonNode user = admin("GET", "/users?exact=true&username=" + username, null).get(0);
        ObjectNode changed = user.deepCopy();
        changed.putObject("attributes").putArray("organisation_id").add(organisation);
        admin("PUT", "/users/" + user.path("id").asText(), changed);
    }

    private static String kid(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))).path("kid").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rolesAudienceAndOrganisationAsTheCitysIdentityTeamSetsThemUp() {
        String anna = scripts("anna.editor", "example-only-anna");
        as(anna).contentType(ContentType.JSON).body("{\"actionField\":\"P\",\"title\":\"Aus Keycloak\"}")
                .post("/api/v1/measures").then().statusCode(201);
        invalid(as(anna)).get("/api/v1/api-keys").then().statusCode(403);

        String organisation = Api.organisation("Keycloak-Träger");
        String hidden = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"S\",\"title\":\"Intern\",\"public\":false,\"leadOrganisationId\":\"" + organisation + "\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("id");
        declareOrganisationAttribute();
        setOrganisation("petra.partner", organisation);
        setOrganisation("olaf.ohne-rolle", organisation);
        as(scripts("petra.partner", "example-only-petra")).get("/api/v1/measures/" + hidden).then().statusCode(200);
        invalid(as(scripts("olaf.ohne-rolle", "example-only-olaf"))).get("/api/v1/measures/" + hidden).then()
                .statusCode(404);

        String otherApp = token(REALM, "other-app", "anna.editor", "example-only-anna");
        invalid(as(otherApp)).get("/api/v1/measures").then().statusCode(401);
    }

    @Test
    void aNewRealmKeyIsPickedUpAndARemovedOneNoLongerVerifies() throws InterruptedException {
        String before = scripts("anna.editor", "example-only-anna");
        as(before).get("/api/v1/measures?limit=1").then().statusCode(200);

        long priority = 0;
        for (JsonNode key : admin("GET", "/keys", null).path("keys")) {
            priority = Math.max(priority, key.path("providerPriority").asLong());
        }
        Map<String, Object> provider = Map.of("name", "rotation-" + UUID.randomUUID().toString().substring(0, 8),
                "providerId", "rsa-generated", "providerType", "org.keycloak.keys.KeyProvider", "parentId", "fachplan",
                "config", Map.of("priority", new String[] {Long.toString(priority + 100)}, "keySize", new String[] {"2048"},
                        "active", new String[] {"true"}, "enabled", new String[] {"true"}, "algorithm", new String[] {"RS256"}));
        admin("POST", "/components", provider);
        String after = scripts("anna.editor", "example-only-anna");
        assertNotEquals(kid(before), kid(after), "the new key signs new tokens");
        as(after).get("/api/v1/measures?limit=1").then().statusCode(200);
        as(before).get("/api/v1/measures?limit=1").then().statusCode(200);

        String oldProvider = null;
        for (JsonNode key : admin("GET", "/keys", null).path("keys")) {
            if (key.path("kid").asText().equals(kid(before))) {
                oldProvider = key.path("providerId").asText();
            }
        }
        assertTrue(oldProvider != null, "the old key is listed");
        admin("DELETE", "/components/" + oldProvider, null);
        long deadline = System.nanoTime() + 150_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = invalid(as(before)).get("/api/v1/measures?limit=1").statusCode();
            if (status == 401) {
                break;
            }
            Thread.sleep(2000);
        }
        assertEquals(401, status, "a token of the removed key still verifies");
        as(after).get("/api/v1/measures?limit=1").then().statusCode(200);
    }
}
