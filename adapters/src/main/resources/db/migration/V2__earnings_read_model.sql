-- Read model of the Earning Coins ledger, kept by the earnings-read-model processor (adr/0005-read-models-with-jooq.md).

CREATE TABLE earnings_account (
    companion_id       VARCHAR(128) NOT NULL,
    balance            BIGINT       NOT NULL,
    lifetime_earned    BIGINT       NOT NULL,
    lifetime_penalties BIGINT       NOT NULL,
    entry_count        BIGINT       NOT NULL,
    last_hash          VARCHAR(64)  NOT NULL,
    opened_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT earnings_account_pk PRIMARY KEY (companion_id)
);

CREATE TABLE earnings_entry (
    companion_id            VARCHAR(128) NOT NULL,
    position                BIGINT       NOT NULL,
    entry_id                VARCHAR(128) NOT NULL,
    kind                    VARCHAR(32)  NOT NULL,
    coins                   BIGINT       NOT NULL,
    balance_after           BIGINT       NOT NULL,
    reason                  VARCHAR(2000),
    reference               VARCHAR(512),
    actor                   VARCHAR(255) NOT NULL,
    rule_version            VARCHAR(64),
    multiplier_basis_points INTEGER,
    occurred_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    previous_hash           VARCHAR(64)  NOT NULL,
    hash                    VARCHAR(64)  NOT NULL,
    CONSTRAINT earnings_entry_pk PRIMARY KEY (companion_id, position),
    CONSTRAINT earnings_entry_entry_id_uk UNIQUE (companion_id, entry_id),
    CONSTRAINT earnings_entry_account_fk FOREIGN KEY (companion_id) REFERENCES earnings_account (companion_id)
);

CREATE INDEX earnings_entry_kind_ix ON earnings_entry (companion_id, kind, position);
CREATE INDEX earnings_entry_occurred_ix ON earnings_entry (companion_id, occurred_at);
