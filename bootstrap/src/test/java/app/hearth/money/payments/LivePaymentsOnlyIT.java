package app.hearth.money.payments;

import app.hearth.bootstrap.HearthApplication;
import app.hearth.domain.money.payments.PaymentEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * ADR 0032 on an application configured as production is ({@code hearth.payments.environment=live}), in a context of
 * its own, closed after the class: live Stripe and production Adapty payments are applied; Stripe
 * {@code livemode: false} and Adapty sandbox payments are recorded, TEST_PAYMENT_NOT_APPLIED, never applied.
 */
@SpringBootTest(classes = HearthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hearth.rate-limits.auth.capacity=1000000",
            "hearth.rate-limits.write.capacity=1000000",
            "hearth.rate-limits.read.capacity=1000000",
            "hearth.payments.environment=live"
        })
@DirtiesContext
class LivePaymentsOnlyIT extends PaymentEnvironmentChecks {

    @Override
    PaymentEnvironment applies() {
        return PaymentEnvironment.LIVE;
    }
}
