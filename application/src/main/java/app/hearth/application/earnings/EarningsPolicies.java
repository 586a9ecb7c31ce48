package app.hearth.application.earnings;

import app.hearth.domain.earnings.ActivityRates;
import app.hearth.domain.earnings.MultiplierRuleTable;
import app.hearth.domain.earnings.PenaltyTable;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The numbers the ledger runs on, as configured: base rates, the multiplier rule table, the penalty table. */
@SecondaryPort
public interface EarningsPolicies {

    ActivityRates activityRates();

    MultiplierRuleTable multiplierRules();

    PenaltyTable penaltyTable();
}
