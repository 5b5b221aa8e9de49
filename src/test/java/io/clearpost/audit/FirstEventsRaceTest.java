package io.clearpost.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A brand's first audit events written by many requests at once: every request succeeds and the chain
 * is one unbroken sequence (the head row is created race-free by whichever request comes first).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstEventsRaceTest {

    static final int REQUESTS = 16;

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    BrandRepository brands;

    @Test
    void sixteenConcurrentFirstBriefsOfABrandAllSucceedOnOneChain() throws Exception {
        TestIdentities people = TestIdentities.of(identity);
        String brand = people.brand(brands, "race", List.of("linkedin"));
        List<String> strategists = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            strategists.add(people.user("strategist", brand + ":strategist"));
        }
        assertThat(Api.as(port, "root").get("/api/audit/verify?brand=" + brand).json().path("events").asInt())
                .as("the brand has no event yet").isZero();

        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Api as = Api.as(port, strategists.get(i % strategists.size()));
            Map<String, Object> request = Briefs.request(brand, "standard", List.of("linkedin"), null);
            answers.add(pool.submit(() -> {
                start.await();
                return as.post("/api/briefs", request);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            Api.Response response = answer.get(120, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            statuses.add(response.status());
        }
        pool.shutdown();

        assertThat(statuses).hasSize(REQUESTS).containsOnly(201);
        JsonNode verified = Api.as(port, "root").get("/api/audit/verify?brand=" + brand).json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        // each brief: BRIEF_CREATED and one CONTENT_PLANNED
        assertThat(verified.path("events").asInt()).isEqualTo(2 * REQUESTS);
    }
}
