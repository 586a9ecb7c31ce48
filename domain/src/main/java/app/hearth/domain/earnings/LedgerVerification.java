package app.hearth.domain.earnings;

import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EarningsEvent.EntryRecorded;
import java.util.ArrayList;
import java.util.List;

/**
 * What an auditor checks for one account, from its events alone: every entry's position follows the one before,
 * its balance is the running sum, its previous hash is the hash before it and its own hash is the SHA-256 of its
 * content. The result carries the rebuilt figures to compare with the read models.
 */
public final class LedgerVerification {

    /** The rebuilt account and every problem found, in order; valid when there is none. */
    public record Result(String companionId, long entries, long balance, long lifetimeEarned,
                         long lifetimePenalties, String lastHash, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private LedgerVerification() {
    }

    public static Result verify(String companionId, List<? extends EarningsEvent> history) {
        var problems = new ArrayList<String>();
        long position = 0;
        long balance = 0;
        long earned = 0;
        long penalties = 0;
        String lastHash = EntryHash.GENESIS;
        boolean opened = false;
        for (EarningsEvent event : history) {
            if (!companionId.equals(event.companionId())) {
                problems.add("an event of account " + event.companionId() + " is in this account's stream");
            }
            if (event instanceof EarningsAccountOpened) {
                if (opened) {
                    problems.add("the account is opened twice");
                }
                opened = true;
                continue;
            }
            var recorded = (EntryRecorded) event;
            LedgerEntry entry = recorded.entry();
            position++;
            balance += entry.coins();
            String where = "entry " + entry.entryId() + " at position " + position;
            if (!opened) {
                problems.add(where + " comes before the account was opened");
            }
            if (entry.position() != position) {
                problems.add(where + " claims position " + entry.position());
            }
            if (entry.balanceAfter() != balance) {
                problems.add(where + " claims balance " + entry.balanceAfter() + " but the entries sum to " + balance);
            }
            if (!lastHash.equals(entry.previousHash())) {
                problems.add(where + " does not chain to the entry before it");
            }
            String recomputed = EntryHash.of(companionId, entry, recorded.hashedDetails());
            if (!recomputed.equals(entry.hash())) {
                problems.add(where + " was changed: its hash does not match its content");
            }
            switch (entry.kind()) {
                case ACTIVITY_CREDIT -> earned += entry.coins();
                case PENALTY, PENALTY_REVERSAL -> penalties -= entry.coins();
                case CORRECTION -> { }
            }
            lastHash = entry.hash();
        }
        return new Result(companionId, position, balance, earned, penalties, lastHash, List.copyOf(problems));
    }
}
