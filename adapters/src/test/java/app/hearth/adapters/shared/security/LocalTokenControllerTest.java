package app.hearth.adapters.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

/** The local issuer answers loopback callers only, unless remote callers are allowed. */
class LocalTokenControllerTest {

    @Test
    void loopbackCallersAreAnswered() {
        for (String address : new String[] {"127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1"}) {
            assertThatCode(() -> LocalTokenController.refuseRemoteCaller(false, address)).as(address)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void anyOtherCallerIsRefusedWithAStableCode() {
        for (String address : new String[] {"192.0.2.2", "10.0.0.1", "fd00::2", "0.0.0.0", "localhost", "", null}) {
            assertThatThrownBy(() -> LocalTokenController.refuseRemoteCaller(false, address)).as(address)
                    .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                        assertThat(refused.code()).isEqualTo(LocalTokenController.LOOPBACK_ONLY);
                        assertThat(refused.category()).isEqualTo(RuleViolation.Category.FORBIDDEN);
                    });
        }
    }

    @Test
    void allowRemoteAnswersEveryone() {
        assertThatCode(() -> LocalTokenController.refuseRemoteCaller(true, "192.0.2.2")).doesNotThrowAnyException();
    }
}
