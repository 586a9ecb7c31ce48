package app.hearth.application.earnings;

import app.hearth.domain.earnings.EarningsEvent;
import java.util.List;
import java.util.function.Consumer;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The event store as an auditor reads it: the accounts it holds and each account's events in order. */
@SecondaryPort
public interface EarningsEventHistory {

    List<String> companionIds();

    List<EarningsEvent> history(String companionId);

    /** Whether {@code companionId} has an earnings account (any event in the store). */
    default boolean exists(String companionId) {
        return !history(companionId).isEmpty();
    }

    /** One account as stored: its id and its events, decoded when asked (on the thread that asks). */
    interface StoredAccount {
        String companionId();

        /** The account's events in sequence order. */
        List<EarningsEvent> events();

        /** How many events the account holds (known before they are decoded). */
        int size();
    }

    /**
     * Every earnings account of the store, one after the other, each exactly once with all its events, as one
     * consistent read (what the store held when the read began). This default reads account by account; an
     * adapter streams the whole store in one query instead.
     */
    default void readAll(Consumer<StoredAccount> accounts) {
        for (String companionId : companionIds()) {
            List<EarningsEvent> events = history(companionId);
            accounts.accept(new StoredAccount() {
                @Override
                public String companionId() {
                    return companionId;
                }

                @Override
                public List<EarningsEvent> events() {
                    return events;
                }

                @Override
                public int size() {
                    return events.size();
                }
            });
        }
    }
}
