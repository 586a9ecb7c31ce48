-- Ratings and review cases (issue 17 point 7, adr/0055): members' ratings of companions as plain rows, the
-- companion's Bayesian 30-day rating kept on the companion row (companion.rating, companion.rating_count) and refreshed
-- when its oldest rating leaves the window, and the moderation cases low ratings open.

-- One rating per subject: a completed call ('call:<id>') or a conversation-day ('conversation:<id>:<yyyy-mm-dd>', the
-- member's local day). given_at is when it was first given (the 30-day window and the 24-hour change window run from
-- it); changed_at when it was last changed. Tags are wire names of the fixed set.
CREATE TABLE rating (
    rating_id        VARCHAR(64)   NOT NULL,
    subject_key      VARCHAR(160)  NOT NULL,
    subject_kind     VARCHAR(32)   NOT NULL,
    call_id          VARCHAR(128),
    conversation_id  VARCHAR(64),
    conversation_day DATE,
    member_id        VARCHAR(128)  NOT NULL,
    companion_id     VARCHAR(128)  NOT NULL,
    score            INTEGER       NOT NULL,
    tags             VARCHAR(32)[] NOT NULL,
    given_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rating_pk PRIMARY KEY (rating_id),
    CONSTRAINT rating_subject_unique UNIQUE (subject_key),
    CONSTRAINT rating_score CHECK (score BETWEEN 1 AND 5),
    CONSTRAINT rating_subject_kind CHECK (subject_kind IN ('CALL', 'CONVERSATION_DAY'))
);

CREATE INDEX rating_companion_given ON rating (companion_id, given_at);

-- Per rated companion: the row a rating's transaction locks first (so a companion's ratings and recomputes run one at
-- a time and each sees the others' rows), and when the companion's rating must be computed again because its oldest
-- rating leaves the window (null: none in it). The refresh job takes due rows with SKIP LOCKED, so nodes share it.
CREATE TABLE companion_rating_refresh (
    companion_id VARCHAR(128) NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT companion_rating_refresh_pk PRIMARY KEY (companion_id)
);

CREATE INDEX companion_rating_refresh_due ON companion_rating_refresh (due_at);

-- A case for the companion's supervisor to review. One per source and reference (a rating opens at most one, whatever
-- it is changed to). team_id is the companion's team when it opened (null: in none). position orders the list (the
-- cursor). The next issue adds decisions and appeals as rows of their own that name case_id, and more sources and
-- statuses to the checks below.
CREATE TABLE moderation_case (
    position     BIGSERIAL     NOT NULL,
    case_id      VARCHAR(64)   NOT NULL,
    companion_id VARCHAR(128)  NOT NULL,
    team_id      VARCHAR(64),
    source       VARCHAR(32)   NOT NULL,
    reference    VARCHAR(160)  NOT NULL,
    reason       VARCHAR(200)  NOT NULL,
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status       VARCHAR(32)   NOT NULL,
    status_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT moderation_case_pk PRIMARY KEY (case_id),
    CONSTRAINT moderation_case_position_unique UNIQUE (position),
    CONSTRAINT moderation_case_source_reference UNIQUE (source, reference),
    CONSTRAINT moderation_case_source CHECK (source IN ('RATING')),
    CONSTRAINT moderation_case_status CHECK (status IN ('OPEN'))
);

CREATE INDEX moderation_case_companion ON moderation_case (companion_id, position);
CREATE INDEX moderation_case_team ON moderation_case (team_id, position);
