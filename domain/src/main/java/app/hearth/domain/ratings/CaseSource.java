package app.hearth.domain.ratings;

/** What opened a moderation case; stored, never renamed. Members' reports and supervisors come next. */
public enum CaseSource {
    RATING
}
