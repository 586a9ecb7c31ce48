-- A member's favorite companions (issue 16): one row per (member, companion), listed newest first; routing
-- (continuity first) reads them. Closing an account deletes the member's rows.
CREATE TABLE favorite_companion (
    member_id    VARCHAR(128)             NOT NULL,
    companion_id VARCHAR(128)             NOT NULL,
    favorited_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (member_id, companion_id)
);

CREATE INDEX favorite_companion_newest ON favorite_companion (member_id, favorited_at DESC, companion_id DESC);
