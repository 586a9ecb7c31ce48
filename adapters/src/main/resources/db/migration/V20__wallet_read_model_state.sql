-- GET /api/v1/me/wallet reads the read model, not the event store (adr/0048). The wallet-read-model processor keeps,
-- besides the balances and movements of V6, each wallet in its stored shape (Wallet.Open.asStored): the time zone and
-- the zone waiting for the next local midnight, granted tokens and token lots (V1), moment packs (V3), subscriptions
-- and allowance days (V2, kept across a migration away and back), open holds. What depends on the moment of reading
-- (today's allowance left, when it resets, packs not yet expired) is computed when read, by the domain's WalletView.
-- A row moves only forward: an event whose aggregate sequence number is not above last_sequence changes nothing.
ALTER TABLE wallet
    ADD COLUMN last_sequence  BIGINT      NOT NULL DEFAULT -1,
    ADD COLUMN zone           VARCHAR(64) NOT NULL DEFAULT 'UTC',
    ADD COLUMN pending_zone   VARCHAR(64),
    ADD COLUMN granted_tokens BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN purchase_count BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN day_count      BIGINT      NOT NULL DEFAULT 0;

-- V1: paid tokens per purchase (or migration), in purchase order (list_position); an emptied lot stays.
CREATE TABLE wallet_token_lot (
    member_id     VARCHAR(128) NOT NULL,
    list_position INTEGER      NOT NULL,
    lot_key       VARCHAR(600) NOT NULL,
    product_id    VARCHAR(255) NOT NULL,
    tokens        BIGINT       NOT NULL,
    remaining     BIGINT       NOT NULL,
    CONSTRAINT wallet_token_lot_pk PRIMARY KEY (member_id, list_position),
    CONSTRAINT wallet_token_lot_wallet_fk FOREIGN KEY (member_id) REFERENCES wallet (member_id)
);

-- V3: moment packs in purchase order; purchase_order breaks ties between packs expiring at the same instant.
CREATE TABLE wallet_moment_pack (
    member_id      VARCHAR(128) NOT NULL,
    list_position  INTEGER      NOT NULL,
    pack_key       VARCHAR(600) NOT NULL,
    product_id     VARCHAR(255) NOT NULL,
    moments        BIGINT       NOT NULL,
    remaining      BIGINT       NOT NULL,
    held           BIGINT       NOT NULL,
    moment_seconds BIGINT       NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    purchase_order BIGINT       NOT NULL,
    CONSTRAINT wallet_moment_pack_pk PRIMARY KEY (member_id, list_position),
    CONSTRAINT wallet_moment_pack_wallet_fk FOREIGN KEY (member_id) REFERENCES wallet (member_id)
);

-- V2: each subscription as the provider last told it, with the tier it grants (and a pending downgrade).
CREATE TABLE wallet_subscription (
    member_id                  VARCHAR(128) NOT NULL,
    subscription_key           VARCHAR(600) NOT NULL,
    tier_product_id            VARCHAR(255) NOT NULL,
    tier_name                  VARCHAR(128),
    tier_rank                  INTEGER      NOT NULL,
    tier_daily_call_seconds    BIGINT       NOT NULL,
    tier_daily_messages        BIGINT       NOT NULL,
    pending_product_id         VARCHAR(255),
    pending_name               VARCHAR(128),
    pending_rank               INTEGER,
    pending_daily_call_seconds BIGINT,
    pending_daily_messages     BIGINT,
    pending_from               TIMESTAMP WITH TIME ZONE,
    -- ACTIVE, IN_GRACE, CANCELLED_AT_PERIOD_END, EXPIRED
    status                     VARCHAR(32)  NOT NULL,
    period_end                 TIMESTAMP WITH TIME ZONE,
    newest_provider_time       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT wallet_subscription_pk PRIMARY KEY (member_id, subscription_key),
    CONSTRAINT wallet_subscription_wallet_fk FOREIGN KEY (member_id) REFERENCES wallet (member_id)
);

-- V2: the current allowance day (the highest number) and earlier days while a call of theirs holds seconds.
CREATE TABLE wallet_allowance_day (
    member_id          VARCHAR(128) NOT NULL,
    number             BIGINT       NOT NULL,
    zone               VARCHAR(64)  NOT NULL,
    local_date         VARCHAR(10)  NOT NULL,
    starts_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    call_seconds_used  BIGINT       NOT NULL,
    call_seconds_held  BIGINT       NOT NULL,
    messages_used      BIGINT       NOT NULL,
    CONSTRAINT wallet_allowance_day_pk PRIMARY KEY (member_id, number),
    CONSTRAINT wallet_allowance_day_wallet_fk FOREIGN KEY (member_id) REFERENCES wallet (member_id)
);

-- Open holds of calls; a V3 hold names its moments (pack and seconds covered, in the order they were held).
CREATE TABLE wallet_hold (
    member_id          VARCHAR(128)   NOT NULL,
    hold_id            VARCHAR(600)   NOT NULL,
    -- AUDIO, VIDEO
    kind               VARCHAR(16)    NOT NULL,
    version            VARCHAR(16)    NOT NULL,
    unit               VARCHAR(16)    NOT NULL,
    requested_seconds  BIGINT         NOT NULL,
    held               BIGINT         NOT NULL,
    covered_seconds    BIGINT         NOT NULL,
    rate_per_minute    BIGINT         NOT NULL,
    day_number         BIGINT         NOT NULL,
    moment_pack_keys   VARCHAR(600)[] NOT NULL,
    moment_seconds     BIGINT[]       NOT NULL,
    placed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT wallet_hold_pk PRIMARY KEY (member_id, hold_id),
    CONSTRAINT wallet_hold_wallet_fk FOREIGN KEY (member_id) REFERENCES wallet (member_id)
);

-- The rows written before this change lack these facts: the processor reads the event store again from its start
-- (a replay writes every table idempotently); what it parked is handled again on the way.
DELETE FROM wallet_movement;
DELETE FROM wallet;
DELETE FROM dead_letter_entry WHERE processing_group = 'wallet-read-model';
DELETE FROM token_entry WHERE processor_name = 'wallet-read-model';
