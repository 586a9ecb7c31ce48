-- The calls' read model (adr/0023), kept by the call-read-model processor from the call.* events: one row per call.
-- Times are null until they happen. A row moves only forward: an event whose aggregate sequence number is not above
-- last_sequence was applied before and changes nothing.
CREATE TABLE call_view (
    call_id             VARCHAR(250) NOT NULL,
    member_id           VARCHAR(128) NOT NULL,
    companion_id        VARCHAR(128) NOT NULL,
    -- AUDIO, VIDEO
    kind                VARCHAR(16)  NOT NULL,
    -- RINGING, ACCEPTED, CONNECTED, ENDED
    state               VARCHAR(16)  NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at         TIMESTAMP WITH TIME ZONE,
    member_joined_at    TIMESTAMP WITH TIME ZONE,
    companion_joined_at TIMESTAMP WITH TIME ZONE,
    connected_at        TIMESTAMP WITH TIME ZONE,
    -- bothUntil of the latest PresenceProven: the last moment both sides were proven present (null before one)
    last_proof_at       TIMESTAMP WITH TIME ZONE,
    -- the member's hold covers the call until then; coverage_failing: the hold could not be extended past it
    covered_until       TIMESTAMP WITH TIME ZONE,
    coverage_failing    BOOLEAN      NOT NULL,
    -- while not ended: the moment by which the rules say the call must have ended (adr/0023); null once ended
    must_end_by         TIMESTAMP WITH TIME ZONE,
    ended_at            TIMESTAMP WITH TIME ZONE,
    end_reason          VARCHAR(32),
    ended_by            VARCHAR(255),
    billable_until      TIMESTAMP WITH TIME ZONE,
    connected_seconds   BIGINT       NOT NULL,
    billable_seconds    BIGINT       NOT NULL,
    chargeable          BOOLEAN      NOT NULL,
    -- connected, and ended by a hang-up or BALANCE_EXHAUSTED
    completed           BOOLEAN      NOT NULL,
    -- the aggregate sequence number of the last event applied
    last_sequence       BIGINT       NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT call_view_pk PRIMARY KEY (call_id)
);

-- A user's history, newest first, as member and as companion; the companion one also serves calls per day.
CREATE INDEX call_view_member_history ON call_view (member_id, requested_at DESC, call_id DESC);
CREATE INDEX call_view_companion_history ON call_view (companion_id, requested_at DESC, call_id DESC);
-- Stats over a time range.
CREATE INDEX call_view_requested ON call_view (requested_at);
-- Live calls (not ended): the live board, the orphan count, whether a companion is in a call.
CREATE INDEX call_view_live ON call_view (requested_at, call_id) WHERE ended_at IS NULL;
CREATE INDEX call_view_companion_live ON call_view (companion_id) WHERE ended_at IS NULL;

-- Calls ended per end reason, counted once per call by the same processor (hearth_calls_ended_total); rebuilt from
-- zero with the rows when the processor is reset and replays.
CREATE TABLE call_ended_count (
    end_reason VARCHAR(32) NOT NULL,
    calls      BIGINT      NOT NULL,
    CONSTRAINT call_ended_count_pk PRIMARY KEY (end_reason)
);
