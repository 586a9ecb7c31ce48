package app.hearth.architecture.planted.adapters.earnings.jooq;

import app.hearth.architecture.planted.adapters.calls.jooq.PlantedRepository;
import app.hearth.architecture.planted.adapters.shared.jooq.PlantedBatch;

/** Violates the feature rule: the earnings' queries read the calls' store instead of an application port. */
public class NosyEarningsQueries {

    private final PlantedRepository calls = new PlantedRepository();

    public Object minutes() {
        return calls.load() + " in batches of " + PlantedBatch.size();
    }
}
