package app.hearth.adapters.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document's problem responses (adr/0035): one {@code ProblemDetail} schema (RFC 9457 with Hearth's
 * {@code code} and {@code field}) and one reusable response per status, referenced by every operation that may
 * answer it. Every operation may answer 500 and, unless it is a provider's webhook, 429; one with parameters or a
 * body 400; one that needs a bearer token 401 and 403; one with a path parameter 404. Business refusals are named
 * per operation with {@link ProblemResponses}.
 */
public final class ApiDocs {

    public static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    public static final String PROBLEM_SCHEMA = "ProblemDetail";
    public static final String PROBLEM_SCHEMA_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    /** The reusable problem responses, by status: their names in {@code components/responses} and descriptions. */
    private static final Map<Integer, String[]> RESPONSES = new TreeMap<>(Map.of(
            400, new String[] {"BadRequest", "The request is malformed or an input is invalid; `code` says why "
                    + "(e.g. VALIDATION_FAILED, MALFORMED_REQUEST, INVALID_PARAMETER) and `field` names the input"},
            401, new String[] {"Unauthenticated", "No valid, unexpired bearer token (code UNAUTHENTICATED)"},
            403, new String[] {"Forbidden", "The caller's role may not do this (code ACCESS_DENIED), or a rule "
                    + "keeps this caller out"},
            404, new String[] {"NotFound", "What the request names does not exist or is not the caller's to see; "
                    + "`code` says what (e.g. CALL_NOT_FOUND)"},
            409, new String[] {"Conflict", "The request conflicts with the current state; `code` names the rule"},
            422, new String[] {"Refused", "A business rule refuses the request; `code` names the rule"},
            429, new String[] {"RateLimited", "Too many requests (code RATE_LIMITED); retry after Retry-After "
                    + "seconds"},
            500, new String[] {"InternalError", "Something went wrong on Hearth's side (code INTERNAL_ERROR); "
                    + "nothing was lost, try again"},
            502, new String[] {"ProviderFailed", "A provider (Stripe, LiveKit) failed or is not configured; `code` "
                    + "says which"},
            503, new String[] {"Unavailable", "The request could not be recorded now; `code` says why; try again"}));

    static {
        RESPONSES.put(410, new String[] {"Gone", "The operation is retired; `code` says what replaced it"});
    }

    private ApiDocs() {
    }

    /**
     * The ProblemDetail schema and the reusable problem responses, added to the document's components; and the tags
     * in order of name, so that the document is the same on every start.
     */
    public static void addComponents(OpenAPI document) {
        if (document.getTags() != null) {
            document.setTags(document.getTags().stream()
                    .sorted(java.util.Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName)).toList());
        }
        if (document.getComponents() == null) {
            document.setComponents(new Components());
        }
        Components components = document.getComponents();
        components.addSchemas(PROBLEM_SCHEMA, problemSchema());
        RESPONSES.forEach((status, response) -> {
            var problem = new ApiResponse().description(response[1]).content(problemContent());
            if (status == 401) {
                problem.addHeaderObject("WWW-Authenticate", new Header().description("Bearer")
                        .schema(new StringSchema()));
            }
            if (status == 429) {
                problem.addHeaderObject("Retry-After", new Header().description("Seconds to wait")
                        .schema(new IntegerSchema()));
            }
            components.addResponses(response[0], problem);
        });
    }

    /** The problem responses of one operation: those of its shape, then its own {@link ProblemResponses}. */
    public static Operation addProblems(Operation operation, HandlerMethod handler) {
        return addProblems(operation, handler, handler.getBeanType().getPackageName().endsWith(".webhooks"));
    }

    private static Operation addProblems(Operation operation, HandlerMethod handler, boolean webhook) {
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        boolean inputs = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        boolean pathParameters = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
        var statuses = new java.util.TreeSet<Integer>();
        if (inputs) {
            statuses.add(400);
        }
        if (secured) {
            statuses.add(401);
            statuses.add(403);
        }
        if (pathParameters) {
            statuses.add(404);
        }
        if (!webhook) {
            statuses.add(429);
        }
        statuses.add(500);
        ProblemResponses own = handler == null ? null : handler.getMethodAnnotation(ProblemResponses.class);
        if (own != null) {
            for (int status : own.value()) {
                if (!RESPONSES.containsKey(status)) {
                    throw new IllegalStateException("no problem response for " + status + " on "
                            + handler.getShortLogMessage());
                }
                statuses.add(status);
            }
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        var responses = new LinkedHashMap<String, ApiResponse>(operation.getResponses());
        for (int status : statuses) {
            responses.putIfAbsent(String.valueOf(status),
                    new ApiResponse().$ref("#/components/responses/" + RESPONSES.get(status)[0]));
        }
        var sorted = new ApiResponses();
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        operation.setResponses(sorted);
        return operation;
    }

    /** The same for an operation that no controller method serves (the real-time handshake). */
    public static void addProblems(PathItem item) {
        item.readOperations().forEach(operation -> addProblems(operation, null, false));
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA_REF)));
    }

    private static Schema<?> problemSchema() {
        var error = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 9457 problem detail with Hearth's stable `code` (adr/0008)")
                .addProperty("type", new StringSchema().format("uri")
                        .description("https://hearth.app/problems/ and the code in kebab case"))
                .addProperty("title", new StringSchema().description("The status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong, for a person"))
                .addProperty("instance", new StringSchema().format("uri").description("The request's path"))
                .addProperty("code", new StringSchema().description("Stable, machine-readable: what went wrong"))
                .addProperty("field", new StringSchema().description("The input at fault, when one is"))
                .addProperty("errors", new ArraySchema().items(error)
                        .description("Every invalid field (VALIDATION_FAILED only)"))
                .required(List.of("type", "title", "status", "code"));
    }
}
