-- Payment events from Stripe and Adapty (adr/0016-payment-events-inbox-facts-and-pending-claims.md): every
-- authenticated notification once in the inbox, every purchase fact once whoever reported it, purchases of
-- unknown purchasers waiting to be claimed, and events parked for review.

-- One row per notification a provider sent, keyed by the provider's own event id: a retry or a copy finds the
-- row and changes nothing. The raw body is kept as received (text, not jsonb, which would reformat it).
CREATE TABLE payment_inbox (
    inbox_id          BIGSERIAL     NOT NULL,
    provider          VARCHAR(16)   NOT NULL,
    provider_event_id VARCHAR(255)  NOT NULL,
    event_type        VARCHAR(100)  NOT NULL,
    environment       VARCHAR(32),
    payload           TEXT          NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- FACT_RECORDED, DUPLICATE_FACT, IGNORED (a type Hearth does not act on), UNREADABLE (parked); RECEIVED
    -- only inside the transaction that records the row
    outcome           VARCHAR(32)   NOT NULL,
    dedupe_key        VARCHAR(600),
    detail            VARCHAR(1000),
    CONSTRAINT payment_inbox_pk PRIMARY KEY (inbox_id),
    CONSTRAINT payment_inbox_event_unique UNIQUE (provider, provider_event_id)
);

CREATE INDEX payment_inbox_received ON payment_inbox (provider, received_at);

-- One row per fact (store, transaction, kind: PaymentEvent.dedupeKey), whichever provider reported it first
-- and however often: a purchase reported by Stripe and by Adapty counts once. The columns are the normalized
-- event of the first report (filled in by later reports where it had nothing) and what became of it.
CREATE TABLE payment_fact (
    fact_id                 BIGSERIAL     NOT NULL,
    dedupe_key              VARCHAR(600)  NOT NULL,
    provider                VARCHAR(16)   NOT NULL,
    provider_event_id       VARCHAR(255)  NOT NULL,
    kind                    VARCHAR(32)   NOT NULL,
    store                   VARCHAR(16)   NOT NULL,
    transaction_id          VARCHAR(255),
    original_transaction_id VARCHAR(255),
    product_ref             VARCHAR(255),
    amount_cents            BIGINT        NOT NULL,
    currency                VARCHAR(8),
    occurred_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end              TIMESTAMP WITH TIME ZONE,
    purchaser_member_id     VARCHAR(128),
    adapty_profile_id       VARCHAR(200),
    stripe_customer_id      VARCHAR(200),
    email                   VARCHAR(254),
    -- the member it was applied for; null while pending
    member_id               VARCHAR(128),
    -- PENDING, APPLIED, ALREADY_APPLIED, OUT_OF_ORDER, PARKED
    status                  VARCHAR(32)   NOT NULL,
    reason                  VARCHAR(1000),
    reports                 INTEGER       NOT NULL,
    -- how often the fact was handed to the wallets (PaymentApplication.apply)
    handed_on               INTEGER       NOT NULL,
    recorded_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT payment_fact_pk PRIMARY KEY (fact_id),
    CONSTRAINT payment_fact_dedupe_unique UNIQUE (dedupe_key)
);

CREATE INDEX payment_fact_member ON payment_fact (member_id, fact_id);
CREATE INDEX payment_fact_purchaser_member ON payment_fact (purchaser_member_id, fact_id);

-- A fact whose purchaser Hearth does not know yet, with the keys that may claim it. claimed_by is set once, by
-- a conditional update (claimed_by IS NULL): of two nodes claiming at once exactly one succeeds.
CREATE TABLE pending_purchase (
    pending_id         BIGSERIAL     NOT NULL,
    dedupe_key         VARCHAR(600)  NOT NULL,
    member_id          VARCHAR(128),
    adapty_profile_id  VARCHAR(200),
    stripe_customer_id VARCHAR(200),
    email              VARCHAR(254),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by         VARCHAR(128),
    claimed_at         TIMESTAMP WITH TIME ZONE,
    -- which key matched: member_id, adapty_profile_id, stripe_customer_id
    claimed_with       VARCHAR(32),
    CONSTRAINT pending_purchase_pk PRIMARY KEY (pending_id),
    CONSTRAINT pending_purchase_fact_unique UNIQUE (dedupe_key),
    CONSTRAINT pending_purchase_fact_fk FOREIGN KEY (dedupe_key) REFERENCES payment_fact (dedupe_key)
);

CREATE INDEX pending_purchase_member ON pending_purchase (member_id) WHERE claimed_by IS NULL;
CREATE INDEX pending_purchase_adapty ON pending_purchase (adapty_profile_id) WHERE claimed_by IS NULL;
CREATE INDEX pending_purchase_stripe ON pending_purchase (stripe_customer_id) WHERE claimed_by IS NULL;
CREATE INDEX pending_purchase_unclaimed ON pending_purchase (created_at, pending_id) WHERE claimed_by IS NULL;

-- Events a person must look at: a product outside the member's version, a notification Hearth could not read,
-- a partial refund. One row per subject (the fact's dedupe key, or the notification for unreadable ones).
CREATE TABLE parked_payment_event (
    parked_id         BIGSERIAL     NOT NULL,
    subject           VARCHAR(700)  NOT NULL,
    dedupe_key        VARCHAR(600),
    provider          VARCHAR(16)   NOT NULL,
    provider_event_id VARCHAR(255)  NOT NULL,
    member_id         VARCHAR(128),
    reason            VARCHAR(1000) NOT NULL,
    parked_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT parked_payment_event_pk PRIMARY KEY (parked_id),
    CONSTRAINT parked_payment_event_subject_unique UNIQUE (subject)
);

CREATE INDEX parked_payment_event_open ON parked_payment_event (parked_id) WHERE resolved_at IS NULL;
