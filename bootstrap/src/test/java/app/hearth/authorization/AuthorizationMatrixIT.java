package app.hearth.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.calls.CallStates;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.access.Role;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import app.hearth.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reliability test #11. The operations come from the running application's OpenAPI document; the expected answer of
 * every role for each comes from {@code authorization/matrix.txt}. Every operation is called as member, companion,
 * supervisor, admin, superadmin and anonymous; {@code own} and {@code team} cells are also tried on another
 * member's or another team's object (a {@code team} cell on a route naming no object: its answer must name no
 * companion of another team); every body carries fields the caller may not set, and afterwards nobody's role, team
 * or rating has moved. A new endpoint without a row fails this test; so does a WebSocket route missing from the
 * document.
 */
class AuthorizationMatrixIT extends IntegrationTest {

    private static final List<String> ROLES = List.of("member", "companion", "supervisor", "admin", "superadmin",
            "anonymous");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> NOT_API = Set.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
            "/swagger-ui.html", "/error");
    /** matrix-member's call to matrix-companion (the matrix supervisor's team), and matrix-member-2's to the other. */
    private static final String OWN_CALL = "matrix-call-own-team";
    private static final String OTHER_CALL = "matrix-call-other-team";

    /** One row of the matrix. */
    record Row(String method, String path, Map<String, String> cells, String body, Map<String, String> values) {
        String operation() {
            return method + " " + path;
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    List<WebSocketHandlerMapping> webSocketMappings;

    @Autowired
    AccessAdministration access;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    WalletCommandBus wallets;

    @Autowired
    CallStates callStates;

    private final AtomicInteger unique = new AtomicInteger();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String ownTeam;
    private String otherTeam;

    @BeforeEach
    void people() {
        for (String role : ROLES.subList(0, 5)) {
            tokens.put(role, token("matrix-" + role, role));
        }
        token("matrix-member-2", "member");
        token("matrix-supervisor-2", "supervisor");
        Api admin = as("admin", "matrix-admin");
        for (String companion : List.of("matrix-companion", "matrix-companion-2")) {
            admin.post("/api/v1/companions", Map.of("userId", companion, "displayName", companion));
            as("companion", companion).put("/api/v1/me/companion-profile", Map.of("displayName", companion,
                    "languages", List.of("en"), "gender", "female", "birthYear", 1970, "yearsOfExperience", 1,
                    "timeZone", "Europe/London"));
            admin.post("/api/v1/companions/" + companion + "/earnings", null);
        }
        ownTeam = team(admin, "matrix-supervisor", "matrix-companion");
        otherTeam = team(admin, "matrix-supervisor-2", "matrix-companion-2");
        ringing(OWN_CALL, "matrix-member", "matrix-companion");
        ringing(OTHER_CALL, "matrix-member-2", "matrix-companion-2");
    }

    /**
     * A call of {@code member} (given tokens) to {@code companion}, rung once for the whole class; the companion is
     * available only while it is placed, so that no other test's "anyone available" call is routed to them.
     */
    private void ringing(String callId, String member, String companion) {
        if (!(callStates.state(callId) instanceof CallSession.NotRequested)) {
            return;
        }
        Api caller = as("member", member);
        caller.put("/api/v1/me/profile", Map.of("displayName", member, "birthYear", 1950, "languages", List.of("en"),
                "timeZone", "Europe/London"));
        wallets.send(new WalletCommand.GrantTokens(member, "matrix-grant-" + member, 1000, "matrix calls",
                "admin:matrix", Instant.now()));
        Api self = as("companion", companion);
        Api.Response rung;
        try (var available = new AvailableCompanions(context, port)) {
            available.makeAvailable(self, companion);
            rung = caller.post("/api/v1/calls", Map.of("callId", callId, "companionId", companion, "kind", "audio"));
        }
        assertThat(rung.status()).as(rung.raw().body()).isEqualTo(201);
    }

    private String token(String userId, String role) {
        return Api.at(port).post("/api/v1/dev/tokens", Map.of("userId", userId, "role", role)).body().get("token")
                .asString();
    }

    private String team(Api admin, String supervisor, String companion) {
        var existing = admin.get("/api/v1/teams").body();
        String teamId = null;
        for (JsonNode team : existing) {
            if (team.get("name").asString().equals("matrix " + supervisor)) {
                teamId = team.get("teamId").asString();
            }
        }
        if (teamId == null) {
            teamId = admin.post("/api/v1/teams", Map.of("name", "matrix " + supervisor)).body().get("teamId")
                    .asString();
        }
        admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", supervisor));
        admin.put("/api/v1/companions/" + companion + "/team", Map.of("teamId", teamId));
        return teamId;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationHasARow() throws IOException {
        JsonNode document = anonymous().get("/v3/api-docs").body();
        Set<String> documented = documentedOperations(document);
        Set<String> routed = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (NOT_API.contains(pattern) || pattern.startsWith("/swagger-ui")) {
                    continue;
                }
                info.getMethodsCondition().getMethods().forEach(method -> routed.add(method.name() + " " + pattern));
            }
        });
        // WebSocket routes (a GET handshake each) are routes too: the document must describe them
        webSocketMappings.forEach(mapping -> mapping.getHandlerMap().keySet()
                .forEach(pattern -> routed.add("GET " + pattern)));
        assertThat(routed).as("WebSocket routes").contains("GET /api/v1/realtime");
        assertThat(routed).as("routes missing from the OpenAPI document").isSubsetOf(documented);
        Set<String> rows = rows().stream().map(Row::operation).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).as("operations without a row in authorization/matrix.txt").isSubsetOf(rows);
        assertThat(rows).as("rows naming no documented operation").isSubsetOf(documented);
    }

    @Test
    void everyRequestBodyDocumentsOnlyTheFieldsItsRowSaysACallerMaySet() throws IOException {
        JsonNode document = anonymous().get("/v3/api-docs").body();
        var mismatches = new ArrayList<String>();
        for (Row row : rows()) {
            JsonNode operation = document.get("paths").get(row.path()).get(row.method().toLowerCase(Locale.ROOT));
            Set<String> documented = new TreeSet<>();
            JsonNode schema = operation.at("/requestBody/content/application~1json/schema");
            if (!schema.isMissingNode()) {
                JsonNode resolved = schema.has("$ref")
                        ? document.at("/components/schemas/" + schema.get("$ref").asString()
                                .substring("#/components/schemas/".length()))
                        : schema;
                resolved.path("properties").propertyNames().forEach(documented::add);
            }
            Set<String> settable = row.body() == null ? Set.of()
                    : new TreeSet<>(JSON.readTree(row.body()).propertyNames());
            if (!documented.equals(settable)) {
                mismatches.add(row.operation() + ": documents " + documented + ", the matrix allows " + settable);
            }
        }
        assertThat(mismatches).as("request bodies whose fields were not reviewed for mass assignment").isEmpty();
    }

    @Test
    void everyRoleGetsExactlyWhatTheMatrixSaysAndNobodySetsAFieldTheyMayNot() throws Exception {
        var wrong = new ArrayList<String>();
        int calls = 0;
        for (Row row : rows()) {
            for (String role : ROLES) {
                String cell = row.cells().get(role);
                int inScope = call(row, role, true);
                calls++;
                if (cell.equals("self")) {
                    if (inScope != 401) {
                        wrong.add(row.operation() + " as " + role + ": authenticates itself, expected 401, got "
                                + inScope);
                    }
                    continue;
                }
                boolean allowed = !cell.equals("deny");
                if (allowed && (inScope == 401 || inScope == 403 || inScope >= 500)) {
                    wrong.add(row.operation() + " as " + role + ": expected to pass the boundary, got " + inScope);
                }
                if (!allowed && inScope != (role.equals("anonymous") ? 401 : 403)) {
                    wrong.add(row.operation() + " as " + role + ": expected to be refused, got " + inScope);
                }
                if (cell.equals("team") && !row.path().contains("{")) {
                    // a list or figures: what a supervisor is answered names only their team's companions
                    Set<String> named = companionIds(answer(row, role));
                    calls++;
                    if (!Set.of("matrix-companion").containsAll(named)) {
                        wrong.add(row.operation() + " as " + role + ": names companions of another team: " + named);
                    }
                    continue;
                }
                if (cell.equals("own") || cell.equals("team")) {
                    int outOfScope = call(row, role, false);
                    calls++;
                    if (outOfScope != 403 && outOfScope != 404) {
                        wrong.add(row.operation() + " as " + role + " on another " + (cell.equals("own")
                                ? "member's or companion's" : "team's") + " object: expected 403/404, got "
                                + outOfScope);
                    }
                }
            }
        }
        assertThat(wrong).as("authorization matrix violations").isEmpty();
        assertThat(calls).isGreaterThan(rows().size() * ROLES.size() - 1);
        assertThat(companionIds(as("admin", "matrix-admin").get("/api/v1/admin/calls/stats").body()))
                .as("the figures' team cell was not vacuous: an admin's name the other team's companion")
                .contains("matrix-companion", "matrix-companion-2");

        // fields nobody may set through these bodies moved nothing
        assertThat(access.roleOf("matrix-member")).isEqualTo(Role.MEMBER);
        assertThat(access.roleOf("matrix-member-2")).isEqualTo(Role.MEMBER);
        assertThat(access.roleOf("matrix-companion")).isEqualTo(Role.COMPANION);
        assertThat(access.roleOf("matrix-companion-2")).isEqualTo(Role.COMPANION);
        assertThat(access.roleOf("matrix-supervisor")).isEqualTo(Role.SUPERVISOR);
        assertThat(access.roleOf("matrix-admin")).isEqualTo(Role.ADMIN);
        var companions = jdbc.queryForList("select companion_id, team_id, rating, rating_count from companion "
                + "where companion_id in ('matrix-companion', 'matrix-companion-2') order by companion_id");
        assertThat(companions.get(0).get("team_id")).isEqualTo(ownTeam);
        assertThat(companions.get(1).get("team_id")).isEqualTo(otherTeam);
        companions.forEach(companion -> {
            assertThat(companion.get("rating")).isNull();
            assertThat(companion.get("rating_count")).isEqualTo(0);
        });
        assertThat(jdbc.queryForObject("select supervisor_id from team where team_id = ?", String.class, ownTeam))
                .isEqualTo("matrix-supervisor");
        if (callStates.state(OTHER_CALL) instanceof CallSession.Ended other) {
            assertThat(other.reason()).as("nobody ended the other team's call out of scope")
                    .isNotEqualTo(EndReason.ENDED_BY_STAFF);
        }
    }

    /** Calls the row's operation as {@code role} on an object in the caller's scope or out of it; the status. */
    private int call(Row row, String role, boolean inScope) throws Exception {
        return HTTP.send(request(row, role, inScope), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Calls the row's operation as {@code role} in the caller's scope; the answer's body (null when not JSON). */
    private JsonNode answer(Row row, String role) throws Exception {
        String body = HTTP.send(request(row, role, true), HttpResponse.BodyHandlers.ofString()).body();
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** Every {@code companionId} value anywhere in {@code json}. */
    private static Set<String> companionIds(JsonNode json) {
        Set<String> ids = new TreeSet<>();
        if (json != null) {
            json.findValues("companionId").stream().filter(JsonNode::isString).map(JsonNode::asString)
                    .forEach(ids::add);
        }
        return ids;
    }

    private HttpRequest request(Row row, String role, boolean inScope) throws IOException {
        String self = role.equals("anonymous") ? "matrix-member" : "matrix-" + role;
        var values = new LinkedHashMap<String, String>();
        values.put("userId", inScope ? self : "matrix-member-2");
        values.put("companionId", inScope ? "matrix-companion" : "matrix-companion-2");
        values.put("teamId", inScope ? ownTeam : otherTeam);
        values.put("callId", inScope ? OWN_CALL : OTHER_CALL);
        values.put("penaltyId", "matrix-penalty");
        values.put("role", "companion");
        if (inScope) {
            values.putAll(row.values());
        }
        String path = row.path();
        for (var value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        path = path.replaceAll("\\{([^}]+)}", "matrix-$1"); // any other id: one that names nothing
        int n = unique.incrementAndGet();
        String body = "";
        if (row.body() != null) {
            ObjectNode json = (ObjectNode) JSON.readTree(row.body().replace("{n}", Integer.toString(n))
                    .replace("{teamId}", ownTeam));
            ObjectNode forbidden = forbiddenFields();
            for (String field : forbidden.propertyNames()) {
                if (!json.has(field)) {
                    json.set(field, forbidden.get(field));
                }
            }
            body = JSON.writeValueAsString(json);
        }
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "matrix-" + n)
                .method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!role.equals("anonymous")) {
            request.header("Authorization", "Bearer " + tokens.get(role));
        }
        return request.build();
    }

    /** Fields a caller may never set through a body: who they are, their role, state only staff or Hearth set. */
    private ObjectNode forbiddenFields() {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("role", "superadmin");
        fields.put("userId", "matrix-member-2");
        fields.put("memberId", "matrix-member-2");
        fields.put("companionId", "matrix-companion-2");
        fields.put("status", "active");
        fields.put("teamId", otherTeam);
        fields.put("supervisorId", "matrix-member");
        fields.put("rating", 5.0);
        fields.put("ratingCount", 999);
        fields.put("grantedBy", "system:matrix");
        fields.put("deletedAt", "2020-01-01T00:00:00Z");
        return fields;
    }

    private static Set<String> documentedOperations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (String path : document.get("paths").propertyNames()) {
            for (String method : document.get("paths").get(path).propertyNames()) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return operations;
    }

    static List<Row> rows() throws IOException {
        try (InputStream in = AuthorizationMatrixIT.class.getResourceAsStream("/authorization/matrix.txt")) {
            var rows = new ArrayList<Row>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", -1);
                String[] operation = parts[0].trim().split("\\s+");
                String[] cells = parts[1].trim().split("\\s+");
                if (cells.length != ROLES.size()) {
                    throw new IllegalStateException("a matrix row needs " + ROLES.size() + " cells: " + line);
                }
                var byRole = new LinkedHashMap<String, String>();
                for (int i = 0; i < cells.length; i++) {
                    if (!Set.of("allow", "deny", "own", "team", "self").contains(cells[i])) {
                        throw new IllegalStateException("unknown cell '" + cells[i] + "' in: " + line);
                    }
                    byRole.put(ROLES.get(i), cells[i]);
                }
                String body = parts.length > 2 && !parts[2].isBlank() ? parts[2].trim() : null;
                var values = new LinkedHashMap<String, String>();
                if (parts.length > 3 && !parts[3].isBlank()) {
                    Arrays.stream(parts[3].trim().split(",")).map(pair -> pair.split("=", 2))
                            .forEach(pair -> values.put(pair[0].trim(), pair[1].trim()));
                }
                rows.add(new Row(operation[0], operation[1], byRole, body, values));
            }
            return rows;
        }
    }
}
