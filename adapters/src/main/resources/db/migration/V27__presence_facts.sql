-- Presence derived from facts (issue 17, adr/0053). The facts that decide a companion's presence live in their one
-- row of companion_presence, next to the state derived from them; every writer of a fact re-derives the state in
-- its own transaction (a change appended to companion_presence_change). Nobody sets a state by hand.
--
--   on_shift_since        when the companion was last due on the app: their shift started or their break ended
--   connection_node       the node holding the companion's most recent real-time connection (null: none)
--   connection_changed_at when connection_node last changed (a connection opened, closed, or its node was lost)
--   foreground            whether that connection's app last reported the foreground (a new connection: false)
--   foreground_changed_at when foreground last changed
--   call_id               the call the companion is in, ringing to ended (null: none)
--   open_conversations    conversations whose latest message is the member's, unanswered, younger than the window
--   conversations_due_at  when the oldest of those leaves the window (the count drops by time alone)
--   due_at                when the derived state changes by time alone (the sweeper's index); null: never
ALTER TABLE companion_presence
    ADD COLUMN on_shift_since        TIMESTAMP WITH TIME ZONE,
    ADD COLUMN connection_node       VARCHAR(64),
    ADD COLUMN connection_changed_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN foreground            BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN foreground_changed_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN call_id               VARCHAR(64),
    ADD COLUMN open_conversations    INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN conversations_due_at  TIMESTAMP WITH TIME ZONE,
    ADD COLUMN due_at                TIMESTAMP WITH TIME ZONE,
    ADD COLUMN reasons               VARCHAR(200) NOT NULL DEFAULT '';

-- The sweeper reads only the rows that are due (never a scan of every companion).
CREATE INDEX companion_presence_due ON companion_presence (due_at) WHERE due_at IS NOT NULL;
-- A node found gone: the companions whose connection it held.
CREATE INDEX companion_presence_connection_node ON companion_presence (connection_node)
    WHERE connection_node IS NOT NULL;

-- The manual switch is retired: availability is companion_presence.state = 'AVAILABLE'. The column stays (dropping
-- it is left to a later migration once no node of an older version runs), emptied so nothing reads a stale switch.
UPDATE companion SET available_since = NULL WHERE available_since IS NOT NULL;

-- When the change was recorded by the database's clock: the live board waits a few seconds for a gap in positions
-- (a transaction that took a position and has not committed yet) before it reads past it.
ALTER TABLE companion_presence_change ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now();
