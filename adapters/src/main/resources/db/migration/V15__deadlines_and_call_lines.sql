-- Persistent deadlines (ADR 0026): at most one per (kind, key), moved or removed in the transaction that handles it.
-- A due deadline is claimed with FOR UPDATE SKIP LOCKED, so each fires on one node at a time.
CREATE TABLE deadline (
    kind        VARCHAR(32)   NOT NULL,
    deadline_key VARCHAR(128) NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts    INTEGER       NOT NULL DEFAULT 0,
    last_error  VARCHAR(1000),
    CONSTRAINT deadline_pk PRIMARY KEY (kind, deadline_key)
);
CREATE INDEX deadline_due ON deadline (due_at);

-- Who is on a call now (issue 5): one line per member or companion, claimed when the call is requested and released
-- in the transaction that ends it. A companion with a line is busy.
CREATE TABLE call_line (
    user_id     VARCHAR(255)  NOT NULL,
    call_id     VARCHAR(64)   NOT NULL,
    CONSTRAINT call_line_pk PRIMARY KEY (user_id)
);
CREATE INDEX call_line_call ON call_line (call_id);
