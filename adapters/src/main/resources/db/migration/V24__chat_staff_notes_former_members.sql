-- Chat, continued (issue 16 points 9 to 11, adr/0050): companions' private notes as versions, and conversations kept
-- for their companions after the member closed their account.

-- A member who closed their account: their conversations stay for the companion, member_id (and the sender_id of
-- their messages) replaced by the closure's pseudonym, marked closed at this time. One open conversation per pair
-- still (a user returning with the same user id gets a new one); a pseudonym may hold several closed ones with the
-- same companion (a returning user who closes again keeps their pseudonym).
ALTER TABLE conversation ADD COLUMN member_closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE conversation DROP CONSTRAINT conversation_pair_unique;
CREATE UNIQUE INDEX conversation_pair_open ON conversation (member_id, companion_id) WHERE member_closed_at IS NULL;

-- A companion's notes about the member of a conversation: every save a new version (1, 2, 3 ...), none changed or
-- removed; the current notes are the highest version. Empty text is a save that clears them.
CREATE TABLE conversation_note (
    conversation_id  VARCHAR(64)   NOT NULL,
    version          BIGINT        NOT NULL,
    text             VARCHAR(4000) NOT NULL,
    saved_by         VARCHAR(128)  NOT NULL,
    saved_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_note_pk PRIMARY KEY (conversation_id, version),
    CONSTRAINT conversation_note_version CHECK (version > 0)
);

-- Append-only: the history can grow, never change. (jOOQ's code generator skips this part.)
-- [jooq ignore start]
CREATE FUNCTION conversation_note_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'conversation_note is append-only';
END;
$$;

CREATE TRIGGER conversation_note_no_update_or_delete BEFORE UPDATE OR DELETE ON conversation_note
    FOR EACH ROW EXECUTE FUNCTION conversation_note_append_only();
-- [jooq ignore stop]
