-- Access: Hearth's record of staff roles (the truth for every request), the queue of role claims still to be
-- published to the identity provider, and the append-only staff audit trail (adr/0009-people-and-access-as-state.md).

CREATE TABLE user_role (
    user_id    VARCHAR(128) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    granted_by VARCHAR(255) NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_role_pk PRIMARY KEY (user_id),
    CONSTRAINT user_role_staff CHECK (role IN ('COMPANION', 'SUPERVISOR', 'ADMIN', 'SUPERADMIN'))
);

-- One row per user: the newest role to publish. version grows with every change, so a publication of an older
-- version never marks a newer change as done.
CREATE TABLE role_claim (
    user_id      VARCHAR(128) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    version      BIGINT       NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    published_version BIGINT NOT NULL DEFAULT 0,
    published_at TIMESTAMP WITH TIME ZONE,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    last_error   VARCHAR(2000),
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT role_claim_pk PRIMARY KEY (user_id)
);

CREATE INDEX role_claim_pending ON role_claim (next_attempt_at) WHERE published_version < version;

CREATE TABLE staff_action (
    position   BIGSERIAL    NOT NULL,
    action_id  VARCHAR(128) NOT NULL,
    actor      VARCHAR(255) NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    before_value VARCHAR(512),
    after_value  VARCHAR(512),
    reason     VARCHAR(2000),
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT staff_action_pk PRIMARY KEY (position),
    CONSTRAINT staff_action_id_unique UNIQUE (action_id)
);

CREATE INDEX staff_action_subject ON staff_action (subject, position);
CREATE INDEX staff_action_actor ON staff_action (actor, position);

-- Append-only: the trail can grow, never change. (jOOQ's code generator skips this part.)
-- [jooq ignore start]
CREATE FUNCTION staff_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the staff audit trail is append-only';
END;
$$;

CREATE TRIGGER staff_action_no_update_or_delete BEFORE UPDATE OR DELETE ON staff_action
    FOR EACH ROW EXECUTE FUNCTION staff_action_append_only();
-- [jooq ignore stop]
