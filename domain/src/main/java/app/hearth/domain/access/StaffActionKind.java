package app.hearth.domain.access;

/** The staff actions the audit trail records (issue: who, what, when). */
public enum StaffActionKind {
    ROLE_GRANTED,
    ROLE_REVOKED,
    COMPANION_INVITED,
    COMPANION_SUSPENDED,
    COMPANION_REINSTATED,
    TEAM_CREATED,
    TEAM_SUPERVISOR_NAMED,
    COMPANION_MOVED,
    LEDGER_CORRECTED,
    PENALTY_APPLIED,
    PENALTY_REVERSED,
    /** Staff read a conversation, its messages or its notes (subject: the conversation; after: what was read). */
    CONVERSATION_READ,
    /** Staff read the moderation cases (subject: "moderation-cases"; after: the page read). */
    MODERATION_CASES_READ
}
