package app.hearth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: JSON in and out, with a token from the local issuer's endpoint. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: status, headers, and the body parsed as JSON (null when empty). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asString();
        }
    }

    private final int port;
    private final String token;
    private final Map<String, String> headers;
    private final HttpClient http;

    private Api(int port, String token, Map<String, String> headers, HttpClient http) {
        this.port = port;
        this.token = token;
        this.headers = headers;
        this.http = http;
    }

    public static Api at(int port) {
        return new Api(port, null, Map.of(), HTTP);
    }

    /**
     * Sends from another loopback address (127.0.0.2, 127.0.0.3, …: all of 127.0.0.0/8 is this machine), so that
     * the server sees another client address.
     */
    public Api from(String loopbackAddress) {
        try {
            var address = java.net.InetAddress.getByName(loopbackAddress);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("tests send only to and from this machine: " + loopbackAddress);
            }
            return new Api(port, token, headers, HttpClient.newBuilder().localAddress(address).build());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Api signedInAs(String userId, String role) {
        Response issued = post("/api/v1/dev/tokens", Map.of("userId", userId, "role", role));
        if (issued.status() != 201) {
            throw new IllegalStateException("the local issuer refused a token: " + issued.raw().body());
        }
        return withToken(issued.body().get("token").asString());
    }

    /** The bearer token this client sends (null when anonymous). */
    public String token() {
        return token;
    }

    public Api withToken(String bearer) {
        return new Api(port, bearer, headers, http);
    }

    public Api withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(port, token, more, http);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postRaw(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = !json || response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
