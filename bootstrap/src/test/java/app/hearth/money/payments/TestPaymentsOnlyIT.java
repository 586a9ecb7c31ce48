package app.hearth.money.payments;

import app.hearth.domain.money.payments.PaymentEnvironment;

/**
 * ADR 0032 on the shared context, in the {@code local} profile, which sets {@code hearth.payments.environment: test}:
 * Stripe test-mode and Adapty sandbox payments are applied; live ones are recorded, LIVE_PAYMENT_NOT_APPLIED.
 */
class TestPaymentsOnlyIT extends PaymentEnvironmentChecks {

    @Override
    PaymentEnvironment applies() {
        return PaymentEnvironment.TEST;
    }
}
