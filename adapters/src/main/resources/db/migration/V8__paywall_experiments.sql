-- Paywall experiments (adr/0017-paywall-experiments.md): experiments with weighted variants per placement, each
-- member's variant recorded at first exposure (sticky), and exposures and purchases as append-only events.

CREATE TABLE paywall_experiment (
    experiment_id VARCHAR(64)  NOT NULL,
    placement     VARCHAR(40)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    running       BOOLEAN      NOT NULL,
    created_by    VARCHAR(255) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT paywall_experiment_pk PRIMARY KEY (experiment_id)
);

-- [jooq ignore start]
-- At most one running experiment per placement, whichever node starts it.
CREATE UNIQUE INDEX paywall_experiment_running ON paywall_experiment (placement) WHERE running;
-- [jooq ignore stop]

CREATE TABLE paywall_variant (
    experiment_id VARCHAR(64)  NOT NULL,
    position      INTEGER      NOT NULL,
    variant_key   VARCHAR(40)  NOT NULL,
    weight        INTEGER      NOT NULL,
    product_ids   VARCHAR(64)[] NOT NULL,
    CONSTRAINT paywall_variant_pk PRIMARY KEY (experiment_id, position),
    CONSTRAINT paywall_variant_key UNIQUE (experiment_id, variant_key),
    CONSTRAINT paywall_variant_experiment_fk FOREIGN KEY (experiment_id) REFERENCES paywall_experiment (experiment_id)
);

CREATE TABLE paywall_assignment (
    experiment_id VARCHAR(64)  NOT NULL,
    member_id     VARCHAR(128) NOT NULL,
    variant_key   VARCHAR(40)  NOT NULL,
    assigned_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT paywall_assignment_pk PRIMARY KEY (experiment_id, member_id)
);

CREATE TABLE paywall_event (
    position      BIGSERIAL    NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    experiment_id VARCHAR(64)  NOT NULL,
    variant_key   VARCHAR(40)  NOT NULL,
    member_id     VARCHAR(128) NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    product_id    VARCHAR(64),
    amount_cents  BIGINT,
    currency      VARCHAR(3),
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT paywall_event_pk PRIMARY KEY (position),
    CONSTRAINT paywall_event_id UNIQUE (event_id),
    CONSTRAINT paywall_event_kind CHECK (kind IN ('EXPOSED', 'PURCHASED'))
);

CREATE INDEX paywall_event_results ON paywall_event (experiment_id, variant_key, kind);
