package app.hearth.adapters.money.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.money.catalog.MonetizationVersion;
import org.junit.jupiter.api.Test;

/** New members' wallets open on the configured version; a version that does not exist stops the start-up. */
class MoneyConfigurationTest {

    @Test
    void theNewMemberVersionDefaultsToV1AndAcceptsEachVersionsCode() {
        assertThat(new MoneyConfiguration.MoneyProperties(null).version()).isEqualTo(MonetizationVersion.V1_TOKENS);
        assertThat(new MoneyConfiguration.MoneyProperties("v2").version()).isEqualTo(MonetizationVersion.V2_TIERS);
        assertThat(new MoneyConfiguration.MoneyProperties("V3_MOMENTS").version())
                .isEqualTo(MonetizationVersion.V3_MOMENTS);
    }

    @Test
    void anUnknownVersionIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new MoneyConfiguration.MoneyProperties("v4").version())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hearth.money.new-member-version");
    }
}
