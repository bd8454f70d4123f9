package de.fachplan.api.common;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Failed authentications are limited per client address and per API key prefix (the test profile:
 * 40 within 20 s). The test profile trusts X-Forwarded-For, so each case has addresses of its own.
 * The failures are sent in parallel, so that they fall into one window also on a busy machine.
 */
@QuarkusTest
@Tag("integration")
class FailedAuthenticationLimitTest {

    private static final int LIMIT = 40;

    private static String wrongKey(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "") + "Xy";
    }

    private static String randomPrefix() {
        return "fpk_q" + UUID.randomUUID().toString().substring(0, 3);
    }

    private static RequestSpecification from(String address, RequestSpecification spec) {
        return spec.header("X-Forwarded-For", address);
    }

    @Test
    void anAddressWithTooManyFailuresWaitsUntilTheWindowHasPassed() throws InterruptedException {
        String address = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + "::7";
        inParallel(i -> invalid(from(address, as(wrongKey(randomPrefix())))).get("/api/v1/measures").then().statusCode(401));
        Response refused = invalid(from(address, admin())).get("/api/v1/measures");
        refused.then().statusCode(429).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:fachplan:problem:too-many-requests"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 20, "Retry-After " + retryAfter);
        from("2001:db8:ffff::8", admin()).get("/api/v1/measures").then().statusCode(200);
        awaitAccepted(() -> from(address, admin()));
    }

    @Test
    void aKeyPrefixWithTooManyFailuresIsRefusedFromEveryAddress() {
        String prefix = randomPrefix();
        inParallel(i -> invalid(from("203.0.113." + (i + 1), as(wrongKey(prefix)))).get("/api/v1/measures").then()
                .statusCode(401));
        invalid(from("203.0.113.200", as(wrongKey(prefix)))).get("/api/v1/measures").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        invalid(from("203.0.113.201", as(wrongKey(randomPrefix())))).get("/api/v1/measures").then().statusCode(401);
    }

    /** Sends {@code LIMIT} requests from eight threads and waits for all of them. */
    private static void inParallel(java.util.function.IntConsumer request) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < LIMIT; i++) {
                int n = i;
                sent.add(pool.submit(() -> request.accept(n)));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls every 200 ms, for at most 60 s (the window is 20 s). */
    private static void awaitAccepted(java.util.function.Supplier<RequestSpecification> request) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (invalid(request.get()).get("/api/v1/measures").statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the address was still refused after its window");
    }
}
