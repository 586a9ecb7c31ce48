-- Money-in (adr/0015-one-wallet-per-member.md): the versioned catalog and the wallets' read model.

-- Catalog versions: each publication is a new row, never changed; the highest version is the current one.
CREATE TABLE catalog_version (
    version                 INTEGER      NOT NULL,
    published_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by            VARCHAR(255) NOT NULL,
    tokens_per_audio_minute BIGINT       NOT NULL,
    tokens_per_video_minute BIGINT       NOT NULL,
    tokens_per_chat_message BIGINT       NOT NULL,
    CONSTRAINT catalog_version_pk PRIMARY KEY (version)
);

-- The products of a version. kind: TOKEN_PACK (tokens), TIER (tier_*, daily_*), MOMENT_PACK (moments, *_seconds).
CREATE TABLE catalog_product (
    version            INTEGER      NOT NULL,
    product_id         VARCHAR(128) NOT NULL,
    position           INTEGER      NOT NULL,
    kind               VARCHAR(16)  NOT NULL,
    stripe_price_id    VARCHAR(255),
    store_product_id   VARCHAR(255),
    stripe_product_id  VARCHAR(255),
    price_cents        BIGINT       NOT NULL,
    currency           VARCHAR(3)   NOT NULL,
    tokens             BIGINT,
    tier_name          VARCHAR(128),
    tier_rank          INTEGER,
    daily_call_seconds BIGINT,
    daily_messages     BIGINT,
    moments            INTEGER,
    moment_seconds     BIGINT,
    valid_for_seconds  BIGINT,
    CONSTRAINT catalog_product_pk PRIMARY KEY (version, product_id),
    CONSTRAINT catalog_product_version_fk FOREIGN KEY (version) REFERENCES catalog_version (version)
);

CREATE INDEX catalog_product_stripe_price_ix ON catalog_product (stripe_price_id, version);
CREATE INDEX catalog_product_store_product_ix ON catalog_product (store_product_id, version);
CREATE INDEX catalog_product_stripe_product_ix ON catalog_product (stripe_product_id, version);

-- Catalog version 1. Provider ids match the shared webhook fixtures where they name one: Stripe price
-- price_132FU2RrHuoIQciTTPatXhOa / product prod_RUFzDvZSwTg7Du and the stores' premium_monthly are Premium;
-- onemonth_no_trial (Adapty's documented example) is Basic; tokens_100 is the anonymous Adapty purchase's pack.
-- The other price ids are made up until real ones exist.
INSERT INTO catalog_version (version, published_at, published_by, tokens_per_audio_minute, tokens_per_video_minute,
                             tokens_per_chat_message)
VALUES (1, TIMESTAMP WITH TIME ZONE '2026-11-24 00:00:00+00', 'system:flyway', 10, 15, 1);

INSERT INTO catalog_product (version, product_id, position, kind, stripe_price_id, store_product_id, stripe_product_id,
                             price_cents, currency, tokens, tier_name, tier_rank, daily_call_seconds, daily_messages,
                             moments, moment_seconds, valid_for_seconds)
VALUES (1, 'tokens_100', 1, 'TOKEN_PACK', 'price_hearth_tokens_100', 'tokens_100', NULL, 999, 'USD', 100,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL),
       (1, 'tokens_500', 2, 'TOKEN_PACK', 'price_hearth_tokens_500', 'tokens_500', NULL, 3999, 'USD', 500,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL),
       (1, 'basic', 3, 'TIER', 'price_hearth_basic_monthly', 'onemonth_no_trial', NULL, 499, 'USD', NULL,
        'Basic', 1, 1800, 20, NULL, NULL, NULL),
       (1, 'plus', 4, 'TIER', 'price_hearth_plus_monthly', 'plus_monthly', NULL, 999, 'USD', NULL,
        'Plus', 2, 3600, 100, NULL, NULL, NULL),
       (1, 'premium', 5, 'TIER', 'price_132FU2RrHuoIQciTTPatXhOa', 'premium_monthly', 'prod_RUFzDvZSwTg7Du', 1499, 'USD',
        NULL, 'Premium', 3, 7200, 500, NULL, NULL, NULL),
       (1, 'moments_5', 6, 'MOMENT_PACK', 'price_hearth_moments_5', 'moments_5', NULL, 1999, 'USD', NULL,
        NULL, NULL, NULL, NULL, 5, 1200, 7776000),
       (1, 'moments_10', 7, 'MOMENT_PACK', 'price_hearth_moments_10', 'moments_10', NULL, 3499, 'USD', NULL,
        NULL, NULL, NULL, NULL, 10, 1200, 7776000);

-- Read model of the wallets, kept by the wallet-read-model processor: each wallet's version and the balances its
-- movements leave (tokens for V1, moments for V3), and every movement in position order.
CREATE TABLE wallet (
    member_id      VARCHAR(128) NOT NULL,
    version        VARCHAR(16)  NOT NULL,
    token_balance  BIGINT       NOT NULL,
    moment_balance BIGINT       NOT NULL,
    movement_count BIGINT       NOT NULL,
    opened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT wallet_pk PRIMARY KEY (member_id)
);

CREATE TABLE wallet_movement (
    member_id     VARCHAR(128)  NOT NULL,
    position      BIGINT        NOT NULL,
    movement_id   VARCHAR(600)  NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    unit          VARCHAR(16)   NOT NULL,
    amount        BIGINT        NOT NULL,
    balance_after BIGINT        NOT NULL,
    reference     VARCHAR(600),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT wallet_movement_pk PRIMARY KEY (member_id, position),
    CONSTRAINT wallet_movement_wallet_fk FOREIGN KEY (member_id) REFERENCES wallet (member_id)
);
