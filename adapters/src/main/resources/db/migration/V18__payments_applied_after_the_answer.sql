-- Payments accepted at once, applied in batches (adr/0043-payments-accepted-at-once-applied-in-batches.md): a
-- webhook's transaction only records the notification; a fact a provider reported is RECORDED until the applier
-- applies it (outcome FACT_RECORDED or DUPLICATE_FACT, applied_at set) in a later transaction.
ALTER TABLE payment_inbox ADD COLUMN applies_in VARCHAR(8);
-- how often applying it failed (not a wallet's refusal: that parks the fact), the last failure, and when to try again
ALTER TABLE payment_inbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payment_inbox ADD COLUMN last_error VARCHAR(1000);
ALTER TABLE payment_inbox ADD COLUMN apply_after TIMESTAMP WITH TIME ZONE;
-- when the applier applied it (null for rows settled when recorded: IGNORED, UNREADABLE, and rows before V43)
ALTER TABLE payment_inbox ADD COLUMN applied_at TIMESTAMP WITH TIME ZONE;

-- what the applier claims, in the order it was recorded
CREATE INDEX payment_inbox_recorded ON payment_inbox (inbox_id) WHERE outcome = 'RECORDED';
