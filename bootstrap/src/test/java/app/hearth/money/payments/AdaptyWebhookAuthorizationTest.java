package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.payments.webhooks.AdaptyWebhookAuthorization;
import org.junit.jupiter.api.Test;

/** Adapty's Authorization value, chosen by the event's environment; nothing matches a value that is not set. */
class AdaptyWebhookAuthorizationTest {

    private final AdaptyWebhookAuthorization adapty = new AdaptyWebhookAuthorization("sandbox-value",
            "production-value");

    @Test
    void eachEnvironmentTakesOnlyItsOwnValue() {
        assertThat(adapty.authorizes("production-value", "Production")).isTrue();
        assertThat(adapty.authorizes("sandbox-value", "Sandbox")).isTrue();
        assertThat(adapty.authorizes("sandbox-value", "Production")).isFalse();
        assertThat(adapty.authorizes("production-value", "Sandbox")).isFalse();
        assertThat(adapty.authorizes("production-value", "Staging")).isFalse();
    }

    @Test
    void wrongMissingOrNearlyRightValuesAreRefused() {
        assertThat(adapty.authorizes("production-valu", "Production")).isFalse();
        assertThat(adapty.authorizes("production-value ", "Production")).isFalse();
        assertThat(adapty.authorizes("Bearer production-value", "Production")).isFalse();
        assertThat(adapty.authorizes(null, "Production")).isFalse();
        assertThat(adapty.authorizes("", null)).isFalse();
    }

    @Test
    void aBodyWithoutAnEnvironmentMayCarryEitherValue() {
        assertThat(adapty.authorizes("sandbox-value", null)).isTrue();
        assertThat(adapty.authorizes("production-value", null)).isTrue();
        assertThat(adapty.authorizes("other", null)).isFalse();
    }

    @Test
    void aValueThatIsNotConfiguredMatchesNothing() {
        var productionOnly = new AdaptyWebhookAuthorization(" ", "production-value");
        assertThat(productionOnly.authorizes(" ", "Sandbox")).isFalse();
        assertThat(productionOnly.authorizes("", null)).isFalse();
        assertThat(new AdaptyWebhookAuthorization(null, null).configured()).isFalse();
    }
}
