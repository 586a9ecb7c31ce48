-- Shifts (issue 17, ADR 0052): plain tables, changed under row locks in the request's transaction. A shift's planned
-- time is kept as the companion's wall-clock times and zone (what was planned) and as the instants they meant when
-- planned (what clocking and overlaps compare); planned_day is the local day it starts on.
CREATE TABLE shift (
    shift_id            VARCHAR(64)              NOT NULL,
    companion_id        VARCHAR(128)             NOT NULL,
    time_zone           VARCHAR(64)              NOT NULL,
    planned_start_local TIMESTAMP                NOT NULL,
    planned_end_local   TIMESTAMP                NOT NULL,
    planned_day         DATE                     NOT NULL,
    planned_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    planned_end         TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(16)              NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE,
    ended_at            TIMESTAMP WITH TIME ZONE,
    created_by          VARCHAR(160)             NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    note                VARCHAR(500),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shift_id),
    CONSTRAINT shift_status_check CHECK (status IN ('PLANNED', 'STARTED', 'ENDED', 'MISSED', 'CANCELLED'))
);

CREATE INDEX shift_companion_start ON shift (companion_id, planned_start);
CREATE INDEX shift_day ON shift (planned_day, companion_id);

-- A shift's breaks, numbered from 1; ended_at is null while the break lasts.
CREATE TABLE shift_break (
    shift_id   VARCHAR(64)              NOT NULL,
    number     INTEGER                  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (shift_id, number)
);

-- A companion's requests (a new shift, a day off, a change of a planned shift), decided once by staff.
CREATE TABLE shift_request (
    request_id      VARCHAR(64)              NOT NULL,
    companion_id    VARCHAR(128)             NOT NULL,
    kind            VARCHAR(16)              NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    time_zone       VARCHAR(64),
    start_local     TIMESTAMP,
    end_local       TIMESTAMP,
    day_off         DATE,
    shift_id        VARCHAR(64),
    note            VARCHAR(500),
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by      VARCHAR(160),
    decided_at      TIMESTAMP WITH TIME ZONE,
    reason          VARCHAR(500),
    result_shift_id VARCHAR(64),
    PRIMARY KEY (request_id),
    CONSTRAINT shift_request_kind_check CHECK (kind IN ('NEW_SHIFT', 'DAY_OFF', 'SHIFT_CHANGE')),
    CONSTRAINT shift_request_status_check CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED'))
);

CREATE INDEX shift_request_companion ON shift_request (companion_id, requested_at);

-- Penalties adherence proposes (late, missed): one per shift and policy; a supervisor confirms (the ledger's
-- penalty entry is named) or dismisses it.
CREATE TABLE shift_penalty_proposal (
    proposal_id      VARCHAR(64)              NOT NULL,
    shift_id         VARCHAR(64)              NOT NULL,
    companion_id     VARCHAR(128)             NOT NULL,
    policy_code      VARCHAR(32)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    minutes_late     INTEGER                  NOT NULL,
    proposed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by       VARCHAR(160),
    decided_at       TIMESTAMP WITH TIME ZONE,
    reason           VARCHAR(500),
    penalty_entry_id VARCHAR(64),
    PRIMARY KEY (proposal_id),
    CONSTRAINT shift_penalty_proposal_once UNIQUE (shift_id, policy_code),
    CONSTRAINT shift_penalty_proposal_status_check CHECK (status IN ('PROPOSED', 'CONFIRMED', 'DISMISSED'))
);
