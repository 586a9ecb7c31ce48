package app.hearth.adapters.calls.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.calls.CallTimeouts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Unset call timeouts keep the rules' numbers; contradictory ones stop the start-up, naming the settings. */
class CallsConfigurationTest {

    @Test
    void unsetTimeoutsKeepTheRulesNumbersAndSetOnesReplaceThem() {
        assertThat(new CallsConfiguration.TimeoutProperties(null, null, null, null).timeouts())
                .isEqualTo(CallTimeouts.DEFAULTS);
        assertThat(new CallsConfiguration.TimeoutProperties(Duration.ofSeconds(30), null, null, Duration.ofMinutes(1))
                .timeouts()).isEqualTo(new CallTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30),
                        Duration.ofSeconds(20), Duration.ofMinutes(1)));
    }

    @Test
    void aSideLostBeforeItIsReconnectingIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new CallsConfiguration.TimeoutProperties(null, null, null, Duration.ofSeconds(15))
                .timeouts())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hearth.calls.timeouts")
                .hasMessageContaining("lostAfter");
    }
}
