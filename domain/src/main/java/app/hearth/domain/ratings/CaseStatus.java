package app.hearth.domain.ratings;

/** Where a moderation case stands; stored, never renamed. Decisions and appeals come next. */
public enum CaseStatus {
    OPEN
}
