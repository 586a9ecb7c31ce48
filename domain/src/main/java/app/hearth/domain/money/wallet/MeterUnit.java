package app.hearth.domain.money.wallet;

/** What a movement counts: V1 tokens, V2 call seconds and chat messages of a day's allowance, V3 moments. */
public enum MeterUnit {
    TOKENS, CALL_SECONDS, MESSAGES, MOMENTS
}
