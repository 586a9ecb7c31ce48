-- Routing "anyone available" (issue 17, ADR 0054). Every decision is recorded: who asked, the candidates considered
-- in order with their reasons (the first 20 of them, and how many there were), the one offered, the rule that decided.
-- One request (a member's "anyone" call) may take up to 3 offers (attempt 1, 2, 3), each a decision of its own.
CREATE TABLE routing_decision (
    position            BIGSERIAL                NOT NULL,
    request_id          VARCHAR(64)              NOT NULL,
    attempt             INTEGER                  NOT NULL,
    purpose             VARCHAR(16)              NOT NULL,
    member_id           VARCHAR(128)             NOT NULL,
    kind                VARCHAR(8),
    filters             VARCHAR(200)             NOT NULL,
    call_id             VARCHAR(64),
    chosen_companion_id VARCHAR(128),
    rule                VARCHAR(32)              NOT NULL,
    explanation         VARCHAR(300)             NOT NULL,
    candidate_count     INTEGER                  NOT NULL,
    candidates          TEXT                     NOT NULL,
    waited_seconds      BIGINT,
    decided_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (position),
    CONSTRAINT routing_decision_purpose CHECK (purpose IN ('CALL', 'CONVERSATION'))
);

CREATE INDEX routing_decision_call ON routing_decision (call_id);
CREATE INDEX routing_decision_request ON routing_decision (request_id, attempt);
-- fairness: the members offered to each companion in the last hour
CREATE INDEX routing_decision_chosen ON routing_decision (chosen_companion_id, decided_at);
CREATE INDEX routing_decision_decided ON routing_decision (decided_at);

-- Members waiting for anyone: a FIFO queue per language (by position), one row per member at most. A row leaves when
-- the dispatcher rings a companion for its member (as call_id, the attempt after `attempt`), when the member cancels, or at expires_at (10 minutes).
CREATE TABLE routing_queue (
    position    BIGSERIAL                NOT NULL,
    member_id   VARCHAR(128)             NOT NULL,
    language    VARCHAR(8)               NOT NULL,
    request_id  VARCHAR(64)              NOT NULL,
    attempt     INTEGER                  NOT NULL,
    call_id     VARCHAR(64)              NOT NULL,
    kind        VARCHAR(8)               NOT NULL,
    filters     VARCHAR(200)             NOT NULL,
    excluded    VARCHAR(1000)            NOT NULL,
    enqueued_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (position),
    CONSTRAINT routing_queue_member UNIQUE (member_id)
);

CREATE INDEX routing_queue_line ON routing_queue (language, position);
CREATE INDEX routing_queue_expiry ON routing_queue (expires_at);
