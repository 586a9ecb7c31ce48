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
    MODERATION_CASES_READ,
    /** Staff planned a shift for a companion (subject: the shift; after: its planned time). */
    SHIFT_PLANNED,
    /** Staff cancelled a planned shift (subject: the shift; reason: why). */
    SHIFT_CANCELLED,
    /** Staff approved a companion's shift request (subject: the request; after: its kind and outcome). */
    SHIFT_REQUEST_APPROVED,
    /** Staff declined a companion's shift request (subject: the request; reason: why). */
    SHIFT_REQUEST_DECLINED,
    /** A supervisor confirmed an adherence penalty proposal (subject: the proposal; after: the ledger entry). */
    SHIFT_PENALTY_CONFIRMED,
    /** A supervisor dismissed an adherence penalty proposal (subject: the proposal; reason: why). */
    SHIFT_PENALTY_DISMISSED
}
