-- Who has a live real-time connection, across nodes (adr/0049). A node writes its own rows: one when a user's first
-- connection opens on it, removed when their last closes (never a write per message), and its heartbeat row every
-- ~15 s. Rows of a node whose heartbeat is older than 60 s count as gone; a node gone for an hour is deleted with its
-- rows by any other node.
CREATE TABLE realtime_node (
    node_id      VARCHAR(64)              NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (node_id)
);

CREATE TABLE realtime_connection (
    user_id VARCHAR(128)             NOT NULL,
    node_id VARCHAR(64)              NOT NULL,
    since   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, node_id),
    CONSTRAINT realtime_connection_node_fk FOREIGN KEY (node_id) REFERENCES realtime_node (node_id) ON DELETE CASCADE
);

CREATE INDEX realtime_connection_node ON realtime_connection (node_id);

-- A user's notification settings (any role); no row: the defaults. push_preview: whether a chat push shows the
-- message's text (shortened) or only "New message". A member's profile shows and sets the same value.
CREATE TABLE notification_settings (
    user_id      VARCHAR(128)             NOT NULL,
    push_preview BOOLEAN                  NOT NULL DEFAULT TRUE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id)
);
