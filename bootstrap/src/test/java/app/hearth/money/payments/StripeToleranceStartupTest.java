package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.bootstrap.HearthApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** Hearth refuses to start with a Stripe tolerance of 0 or less: stripe-java would accept signatures of any age. */
class StripeToleranceStartupTest {

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void startUpRefusesAToleranceOfZeroOrLess() {
        for (String tolerance : new String[] {"PT0S", "-PT5M"}) {
            var web = new SpringApplication(HearthApplication.class);
            assertThatThrownBy(() -> web.run("--server.port=0",
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/postgres",
                    "--spring.flyway.enabled=false", "--spring.main.banner-mode=off",
                    "--hearth.payments.stripe.tolerance=" + tolerance))
                    .as(tolerance)
                    .satisfies(failure -> assertThat(rootOf(failure)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("hearth.payments.stripe.tolerance must be at least 1 s"));
        }
    }
}
