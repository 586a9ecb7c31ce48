-- Companions and teams (adr/0013-companions-and-teams.md). State tables, like roles: every change by staff is
-- also written to the staff audit trail in the same transaction.

CREATE TABLE team (
    team_id       VARCHAR(64)  NOT NULL,
    name          VARCHAR(120) NOT NULL,
    supervisor_id VARCHAR(128),
    created_by    VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT team_pk PRIMARY KEY (team_id),
    CONSTRAINT team_name_unique UNIQUE (name)
);

-- One row per companion, keyed by their user id. A companion is in at most one team at a time (team_id).
-- INVITED until they first save their profile, then ACTIVE; SUSPENDED companions are not listed.
CREATE TABLE companion (
    companion_id        VARCHAR(128) NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    display_name        VARCHAR(80)  NOT NULL,
    bio                 VARCHAR(2000),
    photo_url           VARCHAR(2048),
    languages           VARCHAR(8)[] NOT NULL,
    gender              VARCHAR(16),
    birth_year          INTEGER,
    skills              VARCHAR(32)[] NOT NULL,
    years_of_experience INTEGER,
    time_zone           VARCHAR(64),
    region              VARCHAR(32),
    rating              NUMERIC(3, 2),
    rating_count        INTEGER      NOT NULL DEFAULT 0,
    team_id             VARCHAR(64),
    invited_by          VARCHAR(255) NOT NULL,
    invited_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT companion_pk PRIMARY KEY (companion_id),
    CONSTRAINT companion_team_fk FOREIGN KEY (team_id) REFERENCES team (team_id),
    CONSTRAINT companion_status CHECK (status IN ('INVITED', 'ACTIVE', 'SUSPENDED'))
);

CREATE INDEX companion_team ON companion (team_id);
CREATE INDEX companion_listed ON companion (status, companion_id);
-- [jooq ignore start]
CREATE INDEX companion_languages ON companion USING GIN (languages);
CREATE INDEX companion_skills ON companion USING GIN (skills);
-- [jooq ignore stop]
