-- Webhook notifications from the media server (LiveKit): every authenticated one once, keyed by LiveKit's event
-- id, so a retry or a copy finds the row and changes nothing. The raw body is kept as received (text, not jsonb).
CREATE TABLE media_event (
    media_event_id       BIGSERIAL     NOT NULL,
    event_id             VARCHAR(255)  NOT NULL,
    event_type           VARCHAR(100)  NOT NULL,
    room                 VARCHAR(255),
    participant_identity VARCHAR(255),
    -- the media server's time of the event (its createdAt), null when it gave none
    created_at           TIMESTAMP WITH TIME ZONE,
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    payload              TEXT          NOT NULL,
    -- HANDED_ON, IGNORED; RECEIVED only inside the transaction that records the row
    outcome              VARCHAR(32)   NOT NULL,
    CONSTRAINT media_event_pk PRIMARY KEY (media_event_id),
    CONSTRAINT media_event_event_unique UNIQUE (event_id)
);

CREATE INDEX media_event_room ON media_event (room, media_event_id);
