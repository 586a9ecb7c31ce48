package app.hearth.adapters.members.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Hearth does not start without a closure secret that is long enough (adr/0012). */
class MembersConfigurationTest {

    @Test
    void aMissingOrShortClosureSecretIsRefusedWithTheSettingsName() {
        var configuration = new MembersConfiguration();
        for (String secret : new String[] {null, "", "short"}) {
            assertThatThrownBy(() -> configuration.subjectKeys(new MembersConfiguration.MembersProperties(secret)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hearth.members.closure-secret")
                    .hasMessageContaining("HEARTH_MEMBERS_CLOSURE_SECRET");
        }
    }

    @Test
    void theKeyedHashIsStableForOneSecretAndDiffersAcrossSecrets() {
        var configuration = new MembersConfiguration();
        var keys = configuration.subjectKeys(new MembersConfiguration.MembersProperties("a".repeat(32)));
        var other = configuration.subjectKeys(new MembersConfiguration.MembersProperties("b".repeat(32)));
        assertThat(keys.of("user-1")).hasSize(64).isEqualTo(keys.of("user-1")).isNotEqualTo(keys.of("user-2"));
        assertThat(other.of("user-1")).isNotEqualTo(keys.of("user-1"));
    }
}
