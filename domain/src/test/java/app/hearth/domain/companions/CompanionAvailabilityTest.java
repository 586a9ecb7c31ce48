package app.hearth.domain.companions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompanionAvailabilityTest {

    private static final Instant EARLIER = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void anActiveCompanionBecomesAvailableNowAndAgainKeepsTheFirstTime() {
        assertThat(CompanionRules.availableSince(CompanionStatus.ACTIVE, null, true, NOW)).isEqualTo(NOW);
        assertThat(CompanionRules.availableSince(CompanionStatus.ACTIVE, EARLIER, true, NOW)).isEqualTo(EARLIER);
    }

    @Test
    void anyoneMayStopBeingAvailable() {
        for (CompanionStatus status : CompanionStatus.values()) {
            assertThat(CompanionRules.availableSince(status, EARLIER, false, NOW)).isNull();
        }
    }

    @Test
    void onlyAnActiveCompanionMayBecomeAvailable() {
        for (CompanionStatus status : new CompanionStatus[] {CompanionStatus.INVITED, CompanionStatus.SUSPENDED}) {
            assertThatThrownBy(() -> CompanionRules.availableSince(status, null, true, NOW))
                    .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                        assertThat(refused.code()).isEqualTo(CompanionRules.NOT_ACTIVE);
                        assertThat(refused.category()).isEqualTo(RuleViolation.Category.CONFLICT);
                    });
        }
    }
}
