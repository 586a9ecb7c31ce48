package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** The prod and stage profiles refuse to start with a development switch on, before touching anything. */
class ProductionSafetyCheckTest {

    static SpringApplication application() {
        return HearthApplication.commandLine();
    }

    static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void prodRefusesTheLocalTokenIssuer() {
        assertThatThrownBy(() -> application().run("--spring.profiles.active=prod",
                "--hearth.auth.local-issuer.enabled=true"))
                .satisfies(failure -> assertThat(rootOf(failure)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("refuses to start in prod")
                        .hasMessageContaining("local token issuer"));
    }

    @Test
    void prodRefusesAFirebaseAuthEmulatorHost() {
        assertThatThrownBy(() -> application().run("--spring.profiles.active=prod",
                "--FIREBASE_AUTH_EMULATOR_HOST=127.0.0.1:9099"))
                .satisfies(failure -> assertThat(rootOf(failure)).hasMessageContaining("FIREBASE_AUTH_EMULATOR_HOST"));
    }

    @Test
    void stageIsGuardedToo() {
        assertThatThrownBy(() -> application().run("--spring.profiles.active=stage",
                "--hearth.auth.local-issuer.enabled=true"))
                .satisfies(failure -> assertThat(rootOf(failure)).hasMessageContaining("refuses to start in stage"));
    }

    @Test
    void prodWithoutAFirebaseProjectRefusesToStartWithAClearMessage() {
        var web = new SpringApplication(HearthApplication.class);
        assertThatThrownBy(() -> web.run("--spring.profiles.active=prod", "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/postgres",
                "--spring.flyway.enabled=false", "--hearth.auth.firebase.project-id=",
                "--hearth.members.closure-secret=" + "s".repeat(32)))
                .satisfies(failure -> assertThat(rootOf(failure))
                        .hasMessageContaining("hearth.auth.firebase.project-id must be set"));
    }
}
