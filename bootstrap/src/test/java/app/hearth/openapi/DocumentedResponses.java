package app.hearth.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks each answer the generated client receives against the committed document: its status is one the
 * operation documents, and it has a body of a documented media type exactly when the document says it has one.
 */
final class DocumentedResponses implements Consumer<HttpResponse<InputStream>> {

    private record Route(String method, Pattern path, String template, JsonNode responses) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private final List<String> wrong = new ArrayList<>();

    DocumentedResponses(Path document) {
        JsonNode paths;
        try {
            paths = JsonMapper.builder().build().readTree(document.toFile()).get("paths");
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read " + document, e));
        }
        for (String template : paths.propertyNames()) {
            Pattern path = Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"));
            for (String method : paths.get(template).propertyNames()) {
                routes.add(new Route(method.toUpperCase(Locale.ROOT), path, template,
                        paths.get(template).get(method).get("responses")));
            }
        }
    }

    @Override
    public void accept(HttpResponse<InputStream> response) {
        String method = response.request().method();
        String path = response.request().uri().getPath();
        Route route = routes.stream()
                .filter(candidate -> candidate.method().equals(method) && candidate.path().matcher(path).matches())
                .findFirst().orElse(null);
        String status = String.valueOf(response.statusCode());
        if (route == null) {
            wrong.add(method + " " + path + ": not in the document");
            return;
        }
        seen.add(method + " " + route.template() + " " + status);
        JsonNode documented = route.responses().get(status);
        if (documented == null) {
            wrong.add(method + " " + route.template() + " answered " + status + ", documented: "
                    + route.responses().propertyNames());
            return;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        JsonNode content = documented.get("content");
        if (documented.has("$ref")) {
            content = null; // a problem response: application/problem+json, checked by ApiSurfaceIT
        } else if (content == null || content.isEmpty()) {
            if (contentType != null) {
                wrong.add(method + " " + route.template() + " " + status + " has a body (" + contentType
                        + "), documented without one");
            }
        } else if (contentType == null || !content.has(contentType.split(";")[0].trim())) {
            wrong.add(method + " " + route.template() + " " + status + " answered " + contentType
                    + ", documented: " + content.propertyNames());
        }
    }

    /** "METHOD /template STATUS" for every answer seen, in order. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    /** Every answer that the document did not describe. */
    List<String> undocumented() {
        return List.copyOf(wrong);
    }
}
