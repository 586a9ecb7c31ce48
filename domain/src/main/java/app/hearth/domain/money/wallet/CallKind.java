package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.TokenRates;

/** The kind of a call, which sets its V1 price per started minute. */
public enum CallKind {
    AUDIO, VIDEO;

    /** Tokens per started minute of this kind of call at {@code rates}. */
    public long tokensPerMinute(TokenRates rates) {
        return this == AUDIO ? rates.perAudioMinute() : rates.perVideoMinute();
    }
}
