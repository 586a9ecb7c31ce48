package app.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint needs a signed-in user, except health, the API docs, (locally) the token issuer, and the payment
 * webhooks, which authenticate themselves.
 */
class ApiSurfaceIT extends IntegrationTest {

    @Test
    void healthAndTheApiDocsAreOpen() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void everyDocumentedOperationRefusesAnAnonymousCallerWithAProblem() throws Exception {
        var document = anonymous().get("/v3/api-docs").body();
        var refused = new ArrayList<String>();
        var open = new ArrayList<String>();
        var client = HttpClient.newHttpClient();
        for (var path : document.get("paths").propertyNames()) {
            for (var method : document.get("paths").get(path).propertyNames()) {
                String concrete = path.replaceAll("\\{[^}]+}", "x-1");
                var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + concrete))
                        .header("Content-Type", "application/json")
                        .method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString("{}")).build();
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401) {
                    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                    // payment webhooks authenticate themselves (adr/0016): refused with their own codes
                    assertThat(response.body()).contains(path.startsWith("/api/v1/webhooks/")
                            ? "\"code\":\"WEBHOOK_" : "\"code\":\"UNAUTHENTICATED\"");
                    refused.add(method + " " + path);
                } else {
                    open.add(method + " " + path);
                }
            }
        }
        assertThat(open).containsExactlyInAnyOrder("post /api/v1/dev/tokens", "get /api/v1/skills");
        assertThat(refused).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void aForgedOrExpiredLookingTokenIsRefused() {
        Api forged = anonymous().withToken("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEiLCJyb2xlIjoiYWRtaW4ifQ.");
        assertThat(forged.get("/api/v1/companions/c/earnings").status()).isEqualTo(401);
        String real = as("admin", "ada").get("/actuator/health").raw().request().headers()
                .firstValue("Authorization").orElseThrow().substring("Bearer ".length());
        String tampered = real.substring(0, real.length() - 4) + (real.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(anonymous().withToken(tampered).get("/api/v1/companions/c/earnings").status()).isEqualTo(401);
    }

    @Test
    void anUnknownRouteIsDeniedEvenWithAToken() {
        assertThat(as("superadmin", "root").get("/api/v1/nothing-here").status()).isEqualTo(403);
    }

    @Test
    void metricsArePublishedForAdmins() {
        var metrics = as("admin", "ada").get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("jvm_memory_used_bytes");
        assertThat(as("companion", "c").get("/actuator/prometheus").status()).isEqualTo(403);
    }
}
