package app.hearth.domain.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiplierRuleTableTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void nightHoursAreCountedInTheCompanionsOwnTimeZone() {
        // 22:30 UTC is 23:30 in Berlin (winter): night there.
        var applied = MultiplierRuleTable.defaults()
                .multiplierFor(new CreditContext(Instant.parse("2026-11-24T22:30:00Z"), BERLIN, null));
        assertThat(applied.basisPoints()).isEqualTo(12_000);
        assertThat(applied.rules()).containsExactly("NIGHT_HOURS");
        assertThat(applied.ruleVersion()).isEqualTo("2026-01");

        var dayInTokyo = MultiplierRuleTable.defaults()
                .multiplierFor(new CreditContext(Instant.parse("2026-11-24T22:30:00Z"), ZoneId.of("Asia/Tokyo"), null));
        assertThat(dayInTokyo.basisPoints()).isEqualTo(10_000);
    }

    @Test
    void matchingRulesMultiply() {
        var applied = MultiplierRuleTable.defaults()
                .multiplierFor(new CreditContext(Instant.parse("2026-11-24T23:30:00Z"), BERLIN, 490));
        assertThat(applied.basisPoints()).isEqualTo(13_200);
        assertThat(applied.rules()).containsExactly("NIGHT_HOURS", "HIGH_RATING");
    }

    @Test
    void theRuleSetInForceWhenTheActivityHappenedApplies() {
        var table = new MultiplierRuleTable(List.of(
                new MultiplierRuleTable.RuleSet("v1", Instant.parse("2026-01-01T00:00:00Z"),
                        List.of(new MultiplierRule.HighRating(480, 11_000))),
                new MultiplierRuleTable.RuleSet("v2", Instant.parse("2026-06-01T00:00:00Z"),
                        List.of(new MultiplierRule.HighRating(470, 11_500)))));
        var may = table.multiplierFor(new CreditContext(Instant.parse("2026-05-31T12:00:00Z"), BERLIN, 475));
        var june = table.multiplierFor(new CreditContext(Instant.parse("2026-06-01T12:00:00Z"), BERLIN, 475));
        var before = table.multiplierFor(new CreditContext(Instant.parse("2025-12-31T12:00:00Z"), BERLIN, 475));
        assertThat(may.ruleVersion()).isEqualTo("v1");
        assertThat(may.basisPoints()).isEqualTo(10_000);
        assertThat(june.ruleVersion()).isEqualTo("v2");
        assertThat(june.basisPoints()).isEqualTo(11_500);
        assertThat(before.ruleVersion()).isEqualTo(MultiplierRuleTable.NO_RULES);
    }
}
