package app.hearth.domain.money.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaywallExperimentTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static PaywallExperiment experiment(String id, int controlWeight, int testWeight) {
        return new PaywallExperiment(id, "out_of_tokens", "Bigger packs", List.of(
                new PaywallVariant("control", controlWeight, List.of("tokens_100")),
                new PaywallVariant("big", testWeight, List.of("tokens_500", "tokens_100"))), true, NOW, null);
    }

    @Test
    void aMembersVariantIsTheSameEveryTimeAndOnEveryNode() {
        var first = experiment("exp-1", 50, 50);
        var again = experiment("exp-1", 50, 50);
        for (int member = 0; member < 100; member++) {
            assertThat(again.variantFor("m-" + member)).isEqualTo(first.variantFor("m-" + member));
        }
    }

    @Test
    void membersAreSpreadByWeight() {
        var experiment = experiment("exp-2", 80, 20);
        Map<String, Integer> counts = new HashMap<>();
        for (int member = 0; member < 20_000; member++) {
            counts.merge(experiment.variantFor("member-" + member).key(), 1, Integer::sum);
        }
        assertThat(counts.get("control") / 20_000.0).isBetween(0.78, 0.82);
        assertThat(counts.get("big") / 20_000.0).isBetween(0.18, 0.22);
    }

    @Test
    void differentExperimentsSplitMembersIndependently() {
        var one = experiment("exp-a", 50, 50);
        var other = experiment("exp-b", 50, 50);
        int same = 0;
        for (int member = 0; member < 10_000; member++) {
            if (one.variantFor("m" + member).key().equals(other.variantFor("m" + member).key())) {
                same++;
            }
        }
        assertThat(same / 10_000.0).isBetween(0.47, 0.53);
    }

    @Test
    void badExperimentsAreRefusedWithCodes() {
        assertThatThrownBy(() -> new PaywallExperiment("e", "Bad Placement", "n",
                List.of(new PaywallVariant("a", 1, List.of("p"))), true, NOW, null))
                .hasFieldOrPropertyWithValue("code", PaywallExperiment.INVALID);
        assertThatThrownBy(() -> new PaywallExperiment("e", "home", "n", List.of(
                new PaywallVariant("a", 1, List.of("p")), new PaywallVariant("a", 2, List.of("q"))), true, NOW, null))
                .hasFieldOrPropertyWithValue("code", PaywallExperiment.INVALID);
        assertThatThrownBy(() -> new PaywallVariant("a", 0, List.of("p")))
                .hasFieldOrPropertyWithValue("code", PaywallExperiment.INVALID);
        assertThatThrownBy(() -> new PaywallVariant("a", 1, List.of()))
                .hasFieldOrPropertyWithValue("code", PaywallExperiment.INVALID);
        var stopped = experiment("exp-s", 1, 1).stop(NOW);
        assertThat(stopped.running()).isFalse();
        assertThatThrownBy(() -> stopped.stop(NOW)).hasFieldOrPropertyWithValue("code", "EXPERIMENT_NOT_RUNNING");
    }
}
