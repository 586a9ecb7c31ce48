package app.hearth.application.push;

/** What a push provider answered for one token. */
public sealed interface PushOutcome {

    /** Accepted by the provider (not necessarily shown yet). */
    record Sent(String providerId) implements PushOutcome {
    }

    /** The provider says this token will never work again (unregistered, invalid, wrong app). */
    record TokenRejected(String reason) implements PushOutcome {
    }

    /** Anything else: the provider was unavailable, throttled us, timed out; the token is kept. */
    record Failed(String reason) implements PushOutcome {
    }
}
