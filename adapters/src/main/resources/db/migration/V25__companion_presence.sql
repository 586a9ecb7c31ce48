-- A companion's derived presence (issue 17): one row per companion who ever had a presence fact. The facts that
-- decide it are written here by their sources (the shift's clocking today; the presence feature adds the connection,
-- the foreground, the call and the capacity), and `state` is derived from them by the domain's rules in the same
-- transaction. Routing reads `state = 'AVAILABLE'`; nobody sets `state` by hand.
CREATE TABLE companion_presence (
    companion_id VARCHAR(128)             NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    state_since  TIMESTAMP WITH TIME ZONE NOT NULL,
    shift_id     VARCHAR(64),
    on_break     BOOLEAN                  NOT NULL DEFAULT FALSE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (companion_id),
    CONSTRAINT companion_presence_state_check
        CHECK (state IN ('AVAILABLE', 'BUSY', 'ON_BREAK', 'AWAY', 'OFFLINE'))
);

CREATE INDEX companion_presence_available ON companion_presence (state, state_since);

-- Every change of a companion's derived state, appended in the transaction that changed it: the operators' live board
-- reads what changed after a position, and adherence sums a shift's away time from it.
CREATE TABLE companion_presence_change (
    position     BIGSERIAL                NOT NULL,
    companion_id VARCHAR(128)             NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (position)
);

CREATE INDEX companion_presence_change_companion ON companion_presence_change (companion_id, changed_at);
