package app.hearth.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.Operation;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Rules of the committed OpenAPI document (adr/0035), which ApiDocumentIT keeps equal to the served one: operation
 * ids a generated client can use as method names, JSON answers, problems as problem details.
 */
class ApiDocumentRulesTest {

    /** Names a generated client already uses (typescript-fetch's BaseAPI, Java's ApiClient) or a language keeps. */
    static final Set<String> RESERVED = Set.of("request", "configuration", "middleware", "withMiddleware",
            "withPreMiddleware", "withPostMiddleware", "fetchApi", "createFetchParams", "clone", "isJsonMime",
            "getApiClient", "downloadFileFromResponse", "delete", "new", "default", "function", "import", "export",
            "class", "package", "return", "switch", "void", "toString", "hashCode", "equals", "getClass");
    static final Pattern MEANINGFUL = Pattern.compile("[a-z]+([A-Z][a-z]*)+");

    private final JsonNode document = ApiDocumentIT.JSON.readTree(new File(ApiDocumentIT.COMMITTED));

    @Test
    void everyOperationHasAUniqueMeaningfulIdAGeneratedClientCanUse() {
        var ids = new HashMap<String, String>();
        var wrong = new ArrayList<String>();
        operations((name, operation) -> {
            String id = operation.path("operationId").asString("");
            if (!MEANINGFUL.matcher(id).matches()) {
                wrong.add(name + ": '" + id + "' is not a verb and a noun in lower camel case (no digits, no _)");
            }
            if (RESERVED.contains(id)) {
                wrong.add(name + ": '" + id + "' is reserved by generated clients");
            }
            String other = ids.put(id, name);
            if (other != null) {
                wrong.add(name + ": '" + id + "' is also the id of " + other);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(ids).hasSizeGreaterThan(60);
    }

    @Test
    void everyControllerMethodNamesItsOperationId() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        var missing = new ArrayList<String>();
        int methods = 0;
        for (var candidate : scanner.findCandidateComponents("app.hearth.adapters")) {
            Class<?> controller;
            try {
                controller = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            for (var method : controller.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                methods++;
                Operation operation = method.getAnnotation(Operation.class);
                if (operation == null || operation.operationId().isBlank()) {
                    missing.add(controller.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(missing).as("controller methods without @Operation(operationId = ...)").isEmpty();
        assertThat(methods).isGreaterThan(60);
    }

    @Test
    void answersAreJsonAndProblemsAreProblemDetails() {
        var wrong = new ArrayList<String>();
        operations((name, operation) -> {
            var statuses = new ArrayList<String>(operation.path("responses").propertyNames());
            if (statuses.stream().noneMatch(status -> status.startsWith("2") || status.equals("101"))) {
                wrong.add(name + ": no success documented");
            }
            if (statuses.stream().noneMatch(status -> status.startsWith("4"))) {
                wrong.add(name + ": no problem documented");
            }
            for (String status : statuses) {
                JsonNode response = operation.path("responses").get(status);
                JsonNode content = response.path("content");
                for (String mediaType : content.propertyNames()) {
                    String expected = status.startsWith("2") ? "application/json" : "application/problem+json";
                    if (!mediaType.equals(expected)) {
                        wrong.add(name + " " + status + ": " + mediaType + " instead of " + expected);
                    }
                }
                if (status.matches("[45]\\d\\d") && !response.has("$ref") && !content.has("application/problem+json")
                        && !name.equals("GET /api/v1/realtime")) {
                    wrong.add(name + " " + status + ": not a problem detail");
                }
            }
            boolean secured = !operation.has("security") || !operation.get("security").isEmpty();
            if (secured && !(statuses.contains("401") && statuses.contains("403"))) {
                wrong.add(name + ": needs a bearer token but documents no 401 and 403");
            }
        });
        assertThat(wrong).isEmpty();
        JsonNode problem = document.at("/components/schemas/ProblemDetail/properties");
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "code", "field");
    }

    private void operations(java.util.function.BiConsumer<String, JsonNode> each) {
        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                each.accept(method.toUpperCase(java.util.Locale.ROOT) + " " + path, paths.get(path).get(method));
            }
        }
    }

}
