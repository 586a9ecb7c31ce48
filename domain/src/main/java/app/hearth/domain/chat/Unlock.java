package app.hearth.domain.chat;

import java.time.Instant;
import java.util.List;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What would let a member send a message their wallet could not pay: {@code actions} in the order to offer them
 * ({@code BUY_TOKENS}; {@code WAIT_FOR_RESET} at {@code availableAt} or {@code UPGRADE_TIER}; {@code SUBSCRIBE};
 * {@code BUY_MOMENTS}), and a sentence to show.
 */
@ValueObject
public record Unlock(String version, List<String> actions, Instant availableAt, String detail) {

    public Unlock {
        actions = List.copyOf(actions);
    }

    /** V1: tokens for one message at {@code tokensPerMessage}. */
    public static Unlock tokens(long tokensPerMessage) {
        return new Unlock("v1", List.of("BUY_TOKENS"), null, "a message costs " + tokensPerMessage
                + " token" + (tokensPerMessage == 1 ? "" : "s") + ": buy a token pack to send it");
    }

    /**
     * V2: with a tier in force, today's messages are used up until {@code resetsAt} (local midnight), or a higher
     * tier gives more; without one, a subscription does.
     */
    public static Unlock tiers(boolean tierInForce, Instant resetsAt) {
        return tierInForce
                ? new Unlock("v2", List.of("WAIT_FOR_RESET", "UPGRADE_TIER"), resetsAt,
                        "today's messages are used up: more at " + resetsAt + ", or at once with a higher tier")
                : new Unlock("v2", List.of("SUBSCRIBE"), null, "messages come with a subscription: choose a tier");
    }

    /** V3: a moment opens a 24-hour chat window with this companion; none is left. */
    public static Unlock moments() {
        return new Unlock("v3", List.of("BUY_MOMENTS"), null,
                "a moment opens a 24-hour chat window with this companion: buy a moment pack");
    }
}
