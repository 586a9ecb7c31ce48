package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.bootstrap.HearthApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** Hearth refuses to start with a {@code hearth.payments.environment} other than {@code test} or {@code live}. */
class PaymentEnvironmentStartupTest {

    @Test
    void startUpRefusesAnEnvironmentThatIsNeitherTestNorLive() {
        var web = new SpringApplication(HearthApplication.class);
        assertThatThrownBy(() -> web.run("--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/postgres",
                "--spring.flyway.enabled=false", "--spring.main.banner-mode=off",
                "--hearth.payments.environment=production"))
                .satisfies(failure -> {
                    var messages = new StringBuilder();
                    for (Throwable cause = failure; cause != null && cause.getCause() != cause;
                         cause = cause.getCause()) {
                        messages.append(cause.getMessage()).append('\n');
                    }
                    assertThat(messages.toString()).contains("hearth.payments.environment")
                            .contains("production");
                });
    }
}
