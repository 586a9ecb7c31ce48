-- Chat (issue 16, adr/0047): conversations and their messages as plain tables (not event-sourced; the wallet and
-- earnings movements a message triggers are), and the members' "send read receipts" setting.

ALTER TABLE member_profile ADD COLUMN send_read_receipts BOOLEAN NOT NULL DEFAULT TRUE;

-- Orders conversations by activity; gaps are harmless (only the order counts).
CREATE SEQUENCE conversation_activity_seq;

-- Each user's change counter: a change of a conversation takes the next number of each participant under their row's
-- lock, held until it commits, so a user's changes commit in the order of their numbers and "changed since N" misses
-- none (a number taken from a sequence could commit after a higher one already read).
CREATE TABLE chat_user_change (
    user_id     VARCHAR(128) NOT NULL,
    last_change BIGINT       NOT NULL,
    CONSTRAINT chat_user_change_pk PRIMARY KEY (user_id)
);

-- One row per member-companion pair (the unique key), written under its row lock by every message and receipt:
-- last_seq is the sequence the next message takes (+1, no gap), the tallies count each side's messages so that an
-- unread count is one subtraction; member_change / companion_change are the participants' change numbers of its
-- last change.
CREATE TABLE conversation (
    conversation_id            VARCHAR(64)  NOT NULL,
    member_id                  VARCHAR(128) NOT NULL,
    companion_id               VARCHAR(128) NOT NULL,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seq                   BIGINT       NOT NULL DEFAULT 0,
    member_messages            BIGINT       NOT NULL DEFAULT 0,
    companion_messages         BIGINT       NOT NULL DEFAULT 0,
    member_delivered_up_to     BIGINT       NOT NULL DEFAULT 0,
    member_read_up_to          BIGINT       NOT NULL DEFAULT 0,
    member_read_count          BIGINT       NOT NULL DEFAULT 0,
    companion_delivered_up_to  BIGINT       NOT NULL DEFAULT 0,
    companion_read_up_to       BIGINT       NOT NULL DEFAULT 0,
    companion_read_count       BIGINT       NOT NULL DEFAULT 0,
    last_activity_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    activity_no                BIGINT       NOT NULL,
    member_change              BIGINT       NOT NULL,
    companion_change           BIGINT       NOT NULL,
    CONSTRAINT conversation_pk PRIMARY KEY (conversation_id),
    CONSTRAINT conversation_pair_unique UNIQUE (member_id, companion_id)
);

CREATE INDEX conversation_member_activity ON conversation (member_id, activity_no DESC);
CREATE INDEX conversation_companion_activity ON conversation (companion_id, activity_no DESC);
CREATE INDEX conversation_member_change ON conversation (member_id, member_change);
CREATE INDEX conversation_companion_change ON conversation (companion_id, companion_change);

-- A message: its server-given sequence (1, 2, 3 ... per conversation, the primary key), the id the sending client
-- chose (a retry with it is the same message: unique per conversation and sender), and each side's message count up
-- to and including it (what a read receipt up to it has read).
CREATE TABLE chat_message (
    conversation_id    VARCHAR(64)   NOT NULL,
    seq                BIGINT        NOT NULL,
    message_id         VARCHAR(64)   NOT NULL,
    client_message_id  VARCHAR(128)  NOT NULL,
    sender_id          VARCHAR(128)  NOT NULL,
    sender_role        VARCHAR(16)   NOT NULL,
    text               VARCHAR(4000) NOT NULL,
    member_count       BIGINT        NOT NULL,
    companion_count    BIGINT        NOT NULL,
    sent_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT chat_message_pk PRIMARY KEY (conversation_id, seq),
    CONSTRAINT chat_message_id_unique UNIQUE (message_id),
    CONSTRAINT chat_message_client_unique UNIQUE (conversation_id, sender_id, client_message_id),
    CONSTRAINT chat_message_role CHECK (sender_role IN ('member', 'companion')),
    CONSTRAINT chat_message_seq CHECK (seq > 0)
);
