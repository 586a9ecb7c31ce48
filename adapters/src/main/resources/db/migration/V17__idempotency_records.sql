-- Every idempotency key an aggregate carried out, with what it recorded (ADR 0041). A wallet or an earnings account
-- remembers only its last movements in memory; a retry of an older key is answered from here. Written by the
-- aggregate's command handler in the transaction that appends its events, so a key is here exactly when its events
-- are in the event store.
CREATE TABLE idempotency_record (
    aggregate_id    VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(512) NOT NULL,
    record_sequence BIGINT       NOT NULL,
    recorded        TEXT         NOT NULL,
    CONSTRAINT idempotency_record_pk PRIMARY KEY (aggregate_id, idempotency_key)
);
