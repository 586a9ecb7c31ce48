package app.hearth.domain.earnings;

/** What a companion did to earn coins; each kind has its own base rate per unit. */
public enum ActivityKind {
    /** One billable minute of an audio call. */
    AUDIO_CALL_MINUTE,
    /** One billable minute of a video call. */
    VIDEO_CALL_MINUTE,
    /** One chat message the companion sent in a paid conversation. */
    CHAT_MESSAGE,
    /** One in-chat activity completed with a member. */
    COMPLETED_ACTIVITY
}
