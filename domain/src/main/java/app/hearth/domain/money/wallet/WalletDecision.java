package app.hearth.domain.money.wallet;

import java.util.List;

/**
 * What the wallet decided on a command ({@link WalletDecider#decision}): the events to apply (none when the command
 * was carried out before), or that a payment fact is parked for review, and why; a parked fact applies nothing.
 *
 * @param parkedBecause the refusal's code and message when the fact is parked; null otherwise
 */
public record WalletDecision(List<WalletEvent> events, String parkedBecause) {

    public WalletDecision {
        events = List.copyOf(events);
    }

    static WalletDecision of(List<WalletEvent> events) {
        return new WalletDecision(events, null);
    }

    static WalletDecision parked(String because) {
        return new WalletDecision(List.of(), because);
    }

    public boolean parked() {
        return parkedBecause != null;
    }
}
