package app.hearth.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document is a contract (adr/0035): the document the running application serves at /v3/api-docs is
 * the one committed in bootstrap/{@value #COMMITTED}, from which the build generates the Java client that
 * {@link GeneratedClientIT} drives. Compared as JSON (key order aside).
 */
class ApiDocumentIT extends IntegrationTest {

    static final String COMMITTED = "src/test/resources/openapi/hearth.json";
    static final String SERVED = "target/openapi/hearth.json";
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        JsonNode served = anonymous().get("/v3/api-docs").body();
        Path written = Path.of(SERVED);
        Files.createDirectories(written.getParent());
        Files.writeString(written, JSON.writeValueAsString(served) + "\n");
        Path committed = Path.of(COMMITTED);
        List<String> differences = Files.exists(committed)
                ? differences("", JSON.readTree(committed.toFile()), served)
                : List.of("no committed document");
        assertThat(differences)
                .as("""
                        The application serves another OpenAPI document than the committed bootstrap/%s, from \
                        which the build generates its client (adr/0035). If the change is intended, refresh the \
                        committed document from the repository root with
                          cp bootstrap/%s bootstrap/%s
                        (this test has just written the served one there), review the diff, and run \
                        GeneratedClientIT again. Differences (committed -> served), at most 30""",
                        COMMITTED, SERVED, COMMITTED)
                .isEmpty();
    }

    /** JSON pointers where the two documents differ, with the values, at most 30. */
    static List<String> differences(String at, JsonNode committed, JsonNode served) {
        var found = new ArrayList<String>();
        collect(at, committed, served, found);
        return found.size() > 30 ? found.subList(0, 30) : found;
    }

    private static void collect(String at, JsonNode committed, JsonNode served, List<String> found) {
        if (found.size() > 30 || committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            var names = new TreeSet<String>(committed.propertyNames());
            names.addAll(served.propertyNames());
            for (String name : names) {
                String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
                collect(pointer, committed.path(name), served.path(name), found);
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            for (int i = 0; i < committed.size(); i++) {
                collect(at + "/" + i, committed.get(i), served.get(i), found);
            }
        } else {
            found.add(at + ": " + abbreviate(committed) + " -> " + abbreviate(served));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.isMissingNode() ? "(none)" : node.toString();
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}
