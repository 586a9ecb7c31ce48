-- Payments applied side by side by order key (adr/0043-payments-accepted-at-once-applied-in-batches.md, "Appliers
-- side by side"): the key under which a recorded fact is applied after the ones recorded before it
-- (PaymentEvent.orderKey: a subscription's, else the purchaser's). Rows recorded before this migration have none:
-- they all fall in one slot and are applied in the order they were recorded.
ALTER TABLE payment_inbox ADD COLUMN apply_key VARCHAR(300);

-- The facts a fact waits for or releases are found by their transaction names (PaymentFacts.named, once per applied
-- fact): without these each look-up read the whole table, the applier's largest cost (JFR, R6).
CREATE INDEX payment_fact_transaction ON payment_fact (store, transaction_id);
CREATE INDEX payment_fact_original_transaction ON payment_fact (store, original_transaction_id);
