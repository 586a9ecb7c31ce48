package app.hearth.application.earnings;

import app.hearth.domain.earnings.EarningsEvent;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The event store as an auditor reads it: the accounts it holds and each account's events in order. */
@SecondaryPort
public interface EarningsEventHistory {

    List<String> companionIds();

    List<EarningsEvent> history(String companionId);
}
