package app.hearth.domain.money.wallet;

import java.util.List;
import org.jmolecules.ddd.annotation.ValueObject;

/** One moment held for a call: the pack it comes from and how many seconds of call it covers. */
@ValueObject
public record HeldMoment(String packKey, long lengthSeconds) {

    /** The seconds of call {@code moments} cover together. */
    static long covered(List<HeldMoment> moments) {
        return moments.stream().mapToLong(HeldMoment::lengthSeconds).sum();
    }
}
