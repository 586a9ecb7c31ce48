-- Members: profiles and the identities they attach (personal data, erased when the account is closed), and
-- closed accounts under pseudonyms (adr/0012-members-own-data-and-closing-an-account.md).

CREATE TABLE member_profile (
    user_id       VARCHAR(128) NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    birth_year    INTEGER      NOT NULL,
    languages     VARCHAR(64)  NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    interests     VARCHAR(512) NOT NULL,
    contact_email VARCHAR(254),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT member_profile_pk PRIMARY KEY (user_id)
);

-- The primary key is the rule that each (kind, value) belongs to at most one member: of two concurrent
-- attaches, the database lets exactly one insert.
CREATE TABLE member_identity (
    kind        VARCHAR(32)  NOT NULL,
    value       VARCHAR(200) NOT NULL,
    user_id     VARCHAR(128) NOT NULL,
    attached_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT member_identity_pk PRIMARY KEY (kind, value)
);

CREATE INDEX member_identity_user ON member_identity (user_id, attached_at);

-- No user id here: subject_key is HMAC-SHA256(server secret, user id), so closing twice is recognised and a
-- returning user can be told apart, but the row does not say whose account it was.
CREATE TABLE closed_member (
    pseudonym   VARCHAR(64) NOT NULL,
    subject_key CHAR(64)    NOT NULL,
    closed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT closed_member_pk PRIMARY KEY (pseudonym),
    CONSTRAINT closed_member_subject_unique UNIQUE (subject_key)
);
