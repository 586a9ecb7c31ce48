package app.hearth.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document is a contract (adr/0035): the document the running application serves at /v3/api-docs is
 * the one committed in {@value #COMMITTED}, from which the build generates the Java client that
 * {@link GeneratedClientIT} drives.
 */
class ApiDocumentIT extends IntegrationTest {

    static final String COMMITTED = "src/test/resources/openapi/hearth.json";
    private static final Path SERVED = Path.of("target/openapi/hearth.json");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        JsonNode served = anonymous().get("/v3/api-docs").body();
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, JSON.writeValueAsString(served) + "\n");
        Path committed = Path.of(COMMITTED);
        assertThat(Files.exists(committed) ? JSON.readTree(committed.toFile()) : null)
                .as("""
                        The application serves another OpenAPI document than the committed bootstrap/%s, from \
                        which the build generates its client. If the change is intended, refresh it from the \
                        repository root with
                          cp bootstrap/%s bootstrap/%s
                        review the diff and rebuild.""", COMMITTED, SERVED, COMMITTED)
                .isEqualTo(served);
    }
}
