package app.hearth.application.money.payments;

import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.members.Members;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.payments.PaymentWebhooks.Notification;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.members.MemberIdentity;
import app.hearth.domain.members.MemberProfile;
import app.hearth.domain.money.payments.PaymentEnvironment;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The payment ports in memory, for the pipeline's and the claims' unit tests: each store is a map, and a transaction
 * that fails puts every map back as it was at its start, as the database rolls back.
 */
abstract class InMemoryPayments {

    protected static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");
    protected static final String MEMBER = "member-1";

    /** Every store's rows, copied at the start of a transaction and put back when it fails. */
    protected final Map<String, Object> inboxRows = new LinkedHashMap<>();
    protected final Map<String, PaymentFacts.Fact> factRows = new LinkedHashMap<>();
    protected final Map<String, PendingPurchases.Pending> pendingRows = new LinkedHashMap<>();
    protected final Map<String, ParkedPaymentEvents.Parked> parkedRows = new LinkedHashMap<>();
    protected final List<String> applied = new ArrayList<>();
    protected PaymentApplication wallet = (memberId, event) -> {
        applied.add(event.dedupeKey());
        return new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
    };

    protected final Transactions transactions = new Transactions() {
        @Override
        public void afterCommit(Runnable work) {
            work.run();
        }

        @Override
        public <T> T inNewTransaction(Supplier<T> work) {
            throw new UnsupportedOperationException("the pipeline uses one transaction");
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            var inbox = new LinkedHashMap<>(inboxRows);
            var facts = new LinkedHashMap<>(factRows);
            var pending = new LinkedHashMap<>(pendingRows);
            var parked = new LinkedHashMap<>(parkedRows);
            try {
                return work.get();
            } catch (RuntimeException failed) {
                restore(inboxRows, inbox);
                restore(factRows, facts);
                restore(pendingRows, pending);
                restore(parkedRows, parked);
                throw failed;
            }
        }
    };

    private static <V> void restore(Map<String, V> rows, Map<String, V> saved) {
        rows.clear();
        rows.putAll(saved);
    }

    /** The recorded notifications not applied yet, by inbox key; their rows say RECORDED. */
    protected final Map<String, PaymentInbox.Recorded> recordedRows = new LinkedHashMap<>();

    protected final PaymentInbox inbox = new PaymentInbox() {
        @Override
        public boolean add(Notification notification, Instant receivedAt, PaymentWebhooks.Outcome outcome,
                           String detail, PaymentEnvironment appliesIn) {
            String key = notification.provider() + ":" + notification.providerEventId();
            if (inboxRows.putIfAbsent(key, outcome.name()) != null) {
                return false;
            }
            if (outcome == PaymentWebhooks.Outcome.RECORDED) {
                recordedRows.put(key, new Recorded(inboxRows.size(), notification.provider(),
                        notification.providerEventId(), notification.eventType(), notification.environment(),
                        notification.payload(), 0, receivedAt));
                readings.put(key, notification.reading());
            }
            return true;
        }

        @Override
        public void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome,
                           String dedupeKey, String detail, Instant appliedAt) {
            inboxRows.put(provider + ":" + providerEventId, outcome.name());
        }

        @Override
        public List<Recorded> claimRecorded(PaymentEnvironment appliesIn, Share share, Instant now, int limit) {
            return inboxRows.entrySet().stream().filter(row -> "RECORDED".equals(row.getValue()))
                    .map(row -> recordedRows.get(row.getKey())).limit(limit).toList();
        }

        @Override
        public Optional<Recorded> claimRecorded(PaymentEnvironment appliesIn, long inboxId) {
            return claimRecorded(appliesIn, NOW, Integer.MAX_VALUE).stream()
                    .filter(row -> row.inboxId() == inboxId).findFirst();
        }

        @Override
        public void failed(long inboxId, String error, Instant retryAt) {
            recordedRows.replaceAll((key, row) -> row.inboxId() != inboxId ? row : new Recorded(row.inboxId(),
                    row.provider(), row.providerEventId(), row.eventType(), row.environment(), row.payload(),
                    row.attempts() + 1, row.receivedAt()));
            failures.add(error);
        }

        @Override
        public Lag lag(PaymentEnvironment appliesIn) {
            return new Lag(claimRecorded(appliesIn, NOW, Integer.MAX_VALUE).size(), 0, null, null);
        }
    };

    /** What the webhook read from each recorded notification: read again as it was (the applier's reader). */
    protected final Map<String, PaymentWebhooks.Reading> readings = new HashMap<>();
    /** Failures of applying a notification, as the inbox was told. */
    protected final List<String> failures = new ArrayList<>();

    protected final PaymentFacts facts = new PaymentFacts() {
        @Override
        public boolean add(PaymentEvent event, Instant at) {
            return factRows.putIfAbsent(event.dedupeKey(), new Fact(factRows.size() + 1, event, null,
                    Status.PENDING, null, 1, 0, at, at)) == null;
        }

        @Override
        public Optional<Fact> lock(String dedupeKey) {
            return Optional.ofNullable(factRows.get(dedupeKey));
        }

        @Override
        public Optional<Fact> find(String dedupeKey) {
            return Optional.ofNullable(factRows.get(dedupeKey));
        }

        @Override
        public void meet(java.util.Set<String> names) {
        }

        @Override
        public List<Fact> waitingUnparked(Instant recordedBefore, int limit) {
            return List.of();
        }

        @Override
        public List<Fact> named(Store store, java.util.Set<String> names) {
            return factRows.values().stream().filter(f -> f.event().store() == store
                    && (names.contains(f.event().transactionId())
                    || names.contains(f.event().originalTransactionId()))).toList();
        }

        @Override
        public void hold(String dedupeKey, String memberId, Status status, String reason, Instant at) {
            factRows.computeIfPresent(dedupeKey, (key, f) -> new Fact(f.factId(), f.event(), memberId, status,
                    reason, f.reports(), f.handedOn(), f.recordedAt(), at));
        }

        @Override
        public void reported(String dedupeKey, PaymentEvent merged, Instant at) {
            factRows.computeIfPresent(dedupeKey, (key, f) -> new Fact(f.factId(), merged, f.memberId(), f.status(),
                    f.reason(), f.reports() + 1, f.handedOn(), f.recordedAt(), at));
        }

        @Override
        public void settle(String dedupeKey, String memberId, Status status, String reason, Instant at) {
            factRows.computeIfPresent(dedupeKey, (key, f) -> new Fact(f.factId(), f.event(), memberId, status,
                    reason, f.reports(), f.handedOn() + 1, f.recordedAt(), at));
        }

        @Override
        public List<Fact> ofMember(String memberId, Long beforeFactId, int limit) {
            return List.of();
        }
    };

    protected final PendingPurchases pending = new PendingPurchases() {
        @Override
        public void add(String dedupeKey, PurchaserKeys keys, Instant at) {
            pendingRows.put(dedupeKey, new Pending(pendingRows.size() + 1, dedupeKey, keys, at, null, null, null));
        }

        @Override
        public void rekey(String dedupeKey, PurchaserKeys keys) {
            pendingRows.computeIfPresent(dedupeKey, (key, p) -> new Pending(p.pendingId(), key, keys,
                    p.createdAt(), p.claimedBy(), p.claimedAt(), p.claimedWith()));
        }

        @Override
        public Optional<Pending> unclaimedOf(String dedupeKey) {
            return Optional.ofNullable(pendingRows.get(dedupeKey)).filter(p -> p.claimedBy() == null);
        }

        @Override
        public List<Pending> unclaimedWith(ClaimKey key, String value) {
            return pendingRows.values().stream().filter(p -> p.claimedBy() == null)
                    .filter(p -> value.equals(switch (key) {
                        case MEMBER_ID -> p.keys().memberId();
                        case ADAPTY_PROFILE_ID -> p.keys().adaptyProfileId();
                        case STRIPE_CUSTOMER_ID -> p.keys().stripeCustomerId();
                        case REPORT -> null;
                    }))
                    .toList();
        }

        @Override
        public boolean claim(long pendingId, String memberId, ClaimKey with, Instant at) {
            for (var entry : pendingRows.entrySet()) {
                var p = entry.getValue();
                if (p.pendingId() == pendingId && p.claimedBy() == null) {
                    entry.setValue(new Pending(pendingId, p.dedupeKey(), p.keys(), p.createdAt(), memberId, at,
                            with.code()));
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<Pending> unclaimedBefore(Instant before, Long afterPendingId, int limit) {
            return pendingRows.values().stream().filter(p -> p.claimedBy() == null)
                    .filter(p -> p.createdAt().isBefore(before))
                    .filter(p -> afterPendingId == null || p.pendingId() > afterPendingId)
                    .sorted(java.util.Comparator.comparingLong(Pending::pendingId)).limit(limit).toList();
        }
    };

    protected final ParkedPaymentEvents parked = new ParkedPaymentEvents() {
        @Override
        public void park(String subject, String dedupeKey, String provider, String providerEventId,
                         String memberId, String reason, Instant at) {
            parkedRows.put(subject, new Parked(parkedRows.size() + 1, subject, dedupeKey, provider,
                    providerEventId, memberId, reason, at));
        }

        @Override
        public void resolve(String subject, Instant at) {
            parkedRows.remove(subject);
        }

        @Override
        public List<Parked> open(Long beforeParkedId, int limit) {
            return List.copyOf(parkedRows.values());
        }
    };

    protected final Map<String, String> identityHolders = new HashMap<>();

    protected final MemberProfiles profiles = new MemberProfiles() {
        @Override
        public Optional<Members.Profile> find(String userId) {
            return MEMBER.equals(userId) ? Optional.of(new Members.Profile(userId, null, NOW, NOW))
                    : Optional.empty();
        }

        @Override
        public boolean save(String userId, MemberProfile profile, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String userId) {
            throw new UnsupportedOperationException();
        }
    };

    protected final MemberIdentities identities = new MemberIdentities() {
        @Override
        public Outcome attach(String userId, MemberIdentity identity, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Attached> of(String userId) {
            return List.of();
        }

        @Override
        public Attached held(String userId, MemberIdentity identity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> holderOf(MemberIdentity identity) {
            return Optional.ofNullable(identityHolders.get(identity.value()));
        }

        @Override
        public int detachAll(String userId) {
            return 0;
        }
    };

    protected PaymentPipeline pipeline() {
        PaymentApplication delegating = (memberId, event) -> wallet.apply(memberId, event);
        return new PaymentPipeline(inbox, facts, pending, parked, delegating, profiles, identities, transactions,
                Clock.fixed(NOW, ZoneOffset.UTC), PaymentEnvironment.TEST,
                this::readingOf, () -> rings++);
    }

    /** How often the pipeline told the applier that something was recorded. */
    protected int rings;

    private PaymentWebhooks.Reading readingOf(String provider, String payload) {
        return recordedRows.entrySet().stream().filter(row -> row.getValue().provider().equals(provider)
                        && row.getValue().payload().equals(payload))
                .map(row -> readings.get(row.getKey())).findFirst().orElseThrow();
    }

    /** Receives the notification as the webhook does, then applies what it recorded, as the applier does. */
    protected PaymentWebhooks.Receipt receiveAndApply(PaymentPipeline pipeline, Notification notification) {
        var answer = pipeline.receive(notification);
        if (answer.outcome() != PaymentWebhooks.Outcome.RECORDED) {
            return answer;
        }
        pipeline.applyRecorded(100);
        String key = notification.provider() + ":" + notification.providerEventId();
        var outcome = PaymentWebhooks.Outcome.valueOf(String.valueOf(inboxRows.get(key)));
        if (outcome == PaymentWebhooks.Outcome.RECORDED) {
            throw new IllegalStateException("not applied: " + failures);
        }
        String dedupeKey = notification.reading() instanceof PaymentWebhooks.Reading.Normalized normalized
                ? normalized.event().dedupeKey() : null;
        return new PaymentWebhooks.Receipt(false, outcome,
                dedupeKey == null ? null : factRows.get(dedupeKey).status());
    }

    /** The claims, a minute after the pipeline's moment (so what it recorded is "before" them). */
    protected PendingPurchaseClaims claims() {
        return new PendingPurchaseClaims(pipeline(), pending, facts,
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
    }
}
