package app.hearth.application.money.payments;

import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.payments.PaymentFacts.Status;
import app.hearth.application.money.payments.PendingPurchases.ClaimKey;
import app.hearth.application.shared.Retry;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.members.IdentityKind;
import app.hearth.domain.members.MemberIdentity;
import app.hearth.domain.money.payments.PaymentEnvironment;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.Prerequisite;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.RepeatedReports;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The payment pipeline (semantics.md "Payment events", steps 2 to 6). A webhook's transaction records the
 * notification in the inbox, and nothing else, and it is answered (ADR 0043); {@link #applyRecorded} then applies
 * recorded notifications in batches, one transaction per batch: per notification the fact (once per dedupe key),
 * the purchaser resolved, the hand-over to the wallets through {@link PaymentApplication} or a pending purchase, and
 * the inbox row settled; all of a batch commits or none, and a transaction that met a busy wallet is tried again
 * whole. A batch that fails otherwise is applied again one notification at a time, and a notification that still
 * fails is tried again later, without holding back the others. Pending purchases are claimed by {@link PendingPurchaseClaims}, in transactions of
 * this pipeline; two reports of one fact combine by {@link RepeatedReports}.
 *
 * <p>A fact that needs another ({@link Prerequisite}: a refund its purchase, a renewal its subscription's start)
 * waits, AWAITING that fact, until it is applied, and is then handed on in the transaction that applied it, for the
 * same member (ADR 0031). A fact of the environment this installation does not apply is recorded and never handed
 * on (ADR 0032).
 */
public class PaymentPipeline implements PaymentWebhooks {

    private static final System.Logger log = System.getLogger(PaymentPipeline.class.getName());

    private final PaymentInbox inbox;
    private final PaymentFacts facts;
    private final PendingPurchases pending;
    private final ParkedPaymentEvents parked;
    private final PaymentApplication wallets;
    private final MemberProfiles profiles;
    private final MemberIdentities identities;
    private final Transactions transactions;
    private final Clock clock;
    private final PaymentEnvironment environment;
    private final PaymentWebhooks.Reader reader;
    private final Runnable recorded;

    /**
     * @param environment the only environment whose facts are handed to the wallets (ADR 0032)
     * @param reader      reads a recorded notification's body again when applying it
     * @param recorded    told after the commit of a notification to apply (wakes this node's applier)
     */
    public PaymentPipeline(PaymentInbox inbox, PaymentFacts facts, PendingPurchases pending,
                           ParkedPaymentEvents parked, PaymentApplication wallets, MemberProfiles profiles,
                           MemberIdentities identities, Transactions transactions, Clock clock,
                           PaymentEnvironment environment, PaymentWebhooks.Reader reader, Runnable recorded) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.inbox = inbox;
        this.facts = facts;
        this.pending = pending;
        this.parked = parked;
        this.wallets = wallets;
        this.profiles = profiles;
        this.identities = identities;
        this.transactions = transactions;
        this.clock = clock;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The environment whose facts this pipeline applies. */
    public PaymentEnvironment environment() {
        return environment;
    }

    /** A member the purchaser keys name, and which key did. */
    record Purchaser(String memberId, ClaimKey with) {
    }

    /**
     * The wallets refused a fact by rule: its transaction is undone and done again with the fact parked (a fact
     * applied after the one it waited for may be another than the notification's own).
     */
    private static final class WalletRefusal extends RuntimeException {
        private final String dedupeKey;
        private final String reason;

        WalletRefusal(String dedupeKey, RuleViolation violation) {
            super(violation.getMessage(), violation, false, false);
            this.dedupeKey = dedupeKey;
            this.reason = "the wallet refused it: " + violation.code() + ": " + violation.getMessage();
        }
    }

    /** The meeting name of a member's wallet, held by an applier's transaction that hands a fact to it. */
    static final String WALLET = "wallet:";

    /** How many facts of one transaction may be refused (each a run of the transaction) before it gives up. */
    static final int MAX_REFUSALS = 16;

    /** Runs {@code work} with the refusals met so far, again with each new one, so that each refused fact parks. */
    private <T> T refusing(java.util.function.Function<Map<String, String>, T> work) {
        Map<String, String> refusals = new HashMap<>();
        while (true) {
            try {
                return transactions.inTransaction(() -> work.apply(refusals));
            } catch (WalletRefusal refusal) {
                if (refusals.putIfAbsent(refusal.dedupeKey, refusal.reason) != null
                        || refusals.size() > MAX_REFUSALS) {
                    throw new IllegalStateException("the wallets refused " + refusal.dedupeKey + " again", refusal);
                }
            }
        }
    }

    /** How often a transaction that met a busy wallet is tried in all before the caller is told to retry. */
    static final int BUSY_ATTEMPTS = 8;

    @Override
    public Receipt receive(Notification notification) {
        Objects.requireNonNull(notification.reading(), "reading");
        Instant now = clock.instant();
        Receipt receipt = transactions.inTransaction(() -> record(notification, now));
        if (receipt.outcome() == Outcome.RECORDED) {
            recorded.run();
        }
        return receipt;
    }

    /**
     * The webhook's transaction: the inbox row, once per provider event id. A type Hearth does not act on is settled
     * IGNORED and one it cannot read UNREADABLE (parked) at once; a fact is RECORDED, for the applier.
     */
    private Receipt record(Notification notification, Instant now) {
        String provider = notification.provider();
        String eventId = notification.providerEventId();
        return switch (notification.reading()) {
            case Reading.Ignored ignored -> inbox.add(notification, now, Outcome.IGNORED, ignored.why(), environment)
                    ? new Receipt(false, Outcome.IGNORED, null) : new Receipt(true, null, null);
            case Reading.Unreadable unreadable -> {
                if (!inbox.add(notification, now, Outcome.UNREADABLE, unreadable.why(), environment)) {
                    yield new Receipt(true, null, null);
                }
                parked.park("notification:" + provider + ":" + eventId, null, provider, eventId, null,
                        unreadable.why(), now);
                log.log(System.Logger.Level.WARNING, "ALERT payment notification {0} {1} ({2}) parked for review: {3}",
                        provider, eventId, notification.eventType(), unreadable.why());
                yield new Receipt(false, Outcome.UNREADABLE, null);
            }
            case Reading.Normalized normalized -> inbox.add(notification, now, Outcome.RECORDED, null, environment)
                    ? new Receipt(false, Outcome.RECORDED, null) : new Receipt(true, null, null);
        };
    }

    /** What one {@link #applyRecorded} call did: notifications claimed, applied, and failed (tried again later). */
    public record Batch(int claimed, int applied, int failed) {
    }

    /** After how many failed attempts a notification that cannot be applied is also put in the review queue. */
    static final int PARK_AFTER_ATTEMPTS = 5;
    /** The longest pause before a failed notification is tried again. */
    static final java.time.Duration LONGEST_RETRY_PAUSE = java.time.Duration.ofMinutes(5);

    /**
     * Applies up to {@code limit} recorded notifications of this installation's environment, in the order they were
     * recorded (a batch's facts in provider order), in one transaction. When the batch fails other than by a busy
     * wallet or a wallet's refusal, each of its notifications is applied again in a transaction of its own, and one
     * that fails again is put back with a growing pause (2, 4, 8 … s, at most 5 min) and, after
     * {@value #PARK_AFTER_ATTEMPTS} attempts, in the review queue; it keeps being tried. Exactly once rests on the
     * database: the inbox row leaves RECORDED in the transaction that applies it, and the wallets are idempotent on
     * the fact's dedupe key.
     */
    public Batch applyRecorded(int limit) {
        return applyRecorded(PaymentInbox.Share.ALL, limit);
    }

    /**
     * {@link #applyRecorded(int)} for the recorded notifications in {@code share}: appliers of different shares
     * apply side by side, each order key's notifications in the order they were recorded (ADR 0043). The batch
     * takes the meeting locks of all its facts first, in one order, and settles its inbox rows in one statement.
     */
    public Batch applyRecorded(PaymentInbox.Share share, int limit) {
        List<PaymentInbox.Recorded> claimed = new ArrayList<>();
        try {
            int applied = inPipelineTransaction((now, refusals) -> {
                claimed.clear();
                List<PaymentInbox.Recorded> rows = inbox.claimRecorded(environment, share, now, limit);
                claimed.addAll(rows);
                if (rows.isEmpty()) {
                    return 0;
                }
                List<Read> reads = inProviderOrder(rows);
                Applying applying = new Applying();
                Set<String> meeting = new TreeSet<>();
                for (Read read : reads) {
                    if (read.notification().reading() instanceof Reading.Normalized normalized) {
                        meeting.addAll(Prerequisite.meetingNames(normalized.event()));
                    }
                }
                applying.meet(meeting);
                for (Read read : reads) {
                    apply(read, now, refusals, applying);
                }
                applying.settle();
                return rows.size();
            });
            return new Batch(applied, applied, 0);
        } catch (RuntimeException batchFailed) {
            if (claimed.isEmpty()) {
                throw batchFailed;
            }
            if (claimed.size() == 1) {
                failed(claimed.getFirst(), batchFailed);
                return new Batch(1, 0, 1);
            }
            log.log(System.Logger.Level.WARNING, "a batch of {0} payment notifications failed ({1}); applying them one "
                    + "at a time", claimed.size(), String.valueOf(batchFailed));
            int applied = 0;
            int failed = 0;
            for (PaymentInbox.Recorded row : List.copyOf(claimed)) {
                if (applyAlone(row)) {
                    applied++;
                } else {
                    failed++;
                }
            }
            return new Batch(claimed.size(), applied, failed);
        }
    }

    private boolean applyAlone(PaymentInbox.Recorded row) {
        try {
            inPipelineTransaction((now, refusals) -> {
                Applying applying = new Applying();
                inbox.claimRecorded(environment, row.inboxId())
                        .ifPresent(claimed -> apply(read(claimed), now, refusals, applying));
                applying.settle();
                return null;
            });
            return true;
        } catch (RuntimeException failure) {
            failed(row, failure);
            return false;
        }
    }

    private void failed(PaymentInbox.Recorded row, RuntimeException failure) {
        Instant now = clock.instant();
        int attempts = row.attempts() + 1;
        java.time.Duration pause = java.time.Duration.ofSeconds(1L << Math.min(attempts, 16));
        if (pause.compareTo(LONGEST_RETRY_PAUSE) > 0) {
            pause = LONGEST_RETRY_PAUSE;
        }
        String error = String.valueOf(failure);
        Instant retryAt = now.plus(pause);
        transactions.run(() -> {
            inbox.failed(row.inboxId(), error, retryAt);
            if (attempts == PARK_AFTER_ATTEMPTS) {
                parked.park(notApplied(row), null, row.provider(), row.providerEventId(), null,
                        "not applied after " + attempts + " attempts, still tried: " + error, now);
            }
        });
        log.log(attempts >= PARK_AFTER_ATTEMPTS ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                (attempts >= PARK_AFTER_ATTEMPTS ? "ALERT " : "") + "payment notification {0} {1} could not be "
                        + "applied (attempt {2}), tried again at {3}: {4}",
                row.provider(), row.providerEventId(), attempts, retryAt, error);
    }

    private static String notApplied(PaymentInbox.Recorded row) {
        return "notification:" + row.provider() + ":" + row.providerEventId();
    }

    /** A recorded notification read again, and how often applying it failed before. */
    private record Read(Notification notification, int attempts) {
    }

    private Read read(PaymentInbox.Recorded row) {
        return new Read(new Notification(row.provider(), row.providerEventId(), row.eventType(), row.environment(),
                row.payload(), reader.read(row.provider(), row.payload())), row.attempts());
    }

    /**
     * The batch's notifications, read again, facts in the order of the provider's time (stable: as recorded when
     * equal), so that a subscription's facts recorded in one batch are applied as the provider made them.
     */
    private List<Read> inProviderOrder(List<PaymentInbox.Recorded> rows) {
        List<Read> read = new ArrayList<>(rows.size());
        for (PaymentInbox.Recorded row : rows) {
            read.add(read(row));
        }
        read.sort(Comparator.comparing(PaymentPipeline::providerTime,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return read;
    }

    private static Instant providerTime(Read read) {
        return read.notification().reading() instanceof Reading.Normalized normalized
                ? normalized.event().occurredAt() : null;
    }

    /**
     * What a transaction of the applier gathers while it applies: the meeting locks it holds already, and the
     * inbox rows to settle, written in one statement at its end.
     */
    private final class Applying {
        private final Set<String> met = new HashSet<>();
        private final List<PaymentInbox.Settlement> settled = new ArrayList<>();

        /** Holds the meeting locks of {@code names} this transaction does not hold yet. */
        void meet(Set<String> names) {
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(met);
            if (!missing.isEmpty()) {
                facts.meet(missing);
                met.addAll(missing);
            }
        }

        void settle(String provider, String providerEventId, Outcome outcome, String dedupeKey, String detail,
                    Instant appliedAt) {
            settled.add(new PaymentInbox.Settlement(provider, providerEventId, outcome, dedupeKey, detail,
                    appliedAt));
        }

        void settle() {
            inbox.settle(List.copyOf(settled));
            settled.clear();
        }
    }

    /** Applies one recorded notification in the caller's transaction (which claimed its inbox row). */
    private void apply(Read read, Instant now, Map<String, String> refusals, Applying applying) {
        Notification notification = read.notification();
        String provider = notification.provider();
        String eventId = notification.providerEventId();
        switch (notification.reading()) {
            case Reading.Normalized normalized -> {
                applying.meet(Prerequisite.meetingNames(normalized.event()));
                PaymentEnvironment said = PaymentEnvironment.ofProvider(notification.environment());
                if (said == environment) {
                    fact(normalized.event(), now, refusals, applying);
                } else {
                    otherEnvironment(normalized.event(), said, now, applying);
                }
            }
            // recorded as a fact, read otherwise now (the reading changed between versions): settled as it reads
            case Reading.Ignored ignored -> applying.settle(provider, eventId, Outcome.IGNORED, null, ignored.why(),
                    now);
            case Reading.Unreadable unreadable -> {
                parked.park("notification:" + provider + ":" + eventId, null, provider, eventId, null,
                        unreadable.why(), now);
                applying.settle(provider, eventId, Outcome.UNREADABLE, null, unreadable.why(), now);
            }
        }
        if (read.attempts() >= PARK_AFTER_ATTEMPTS) {
            parked.resolve("notification:" + provider + ":" + eventId, now);
        }
    }

    /**
     * Runs {@code work} as one pipeline transaction: again whole while a wallet is busy (another node, a concurrent
     * report; ADR 0019), after a short random pause; past {@link #BUSY_ATTEMPTS} the {@link TransientConflict} goes
     * to the caller (the webhook answers 503, the provider retries). Within, each fact the wallets refuse by rule
     * parks (see {@link #refusing}).
     */
    <T> T inPipelineTransaction(BiFunction<Instant, Map<String, String>, T> work) {
        return Retry.onTransientConflict(BUSY_ATTEMPTS, () -> {
            Instant now = clock.instant();
            return refusing(refusals -> work.apply(now, refusals));
        });
    }

    /**
     * A fact of the environment this installation does not apply: recorded (with the member it names, for the
     * operators' views) and never handed on; a report of a fact recorded before only counts.
     */
    private Receipt otherEnvironment(PaymentEvent event, PaymentEnvironment said, Instant now, Applying applying) {
        String key = event.dedupeKey();
        if (!facts.add(event, now)) {
            applying.settle(event.provider(), event.providerEventId(), Outcome.DUPLICATE_FACT, key,
                    said.notAppliedCode() + ": a " + said.code() + " report of a fact recorded before", now);
            PaymentFacts.Fact stored = facts.lock(key).orElseThrow();
            facts.reported(key, RepeatedReports.merge(stored.event(), event), now);
            return new Receipt(false, Outcome.DUPLICATE_FACT, stored.status());
        }
        Status status = Status.valueOf(said.notAppliedCode());
        String reason = said.notAppliedCode() + ": a " + said.code() + " payment; this installation applies "
                + environment.code() + " payments only (hearth.payments.environment)";
        applying.settle(event.provider(), event.providerEventId(), Outcome.FACT_RECORDED, key, reason, now);
        facts.hold(key, purchaser(event.purchaser()).map(Purchaser::memberId).orElse(null), status, reason, now);
        log.log(System.Logger.Level.INFO, "payment fact {0} recorded, not applied: {1}", key, reason);
        return new Receipt(false, Outcome.FACT_RECORDED, status);
    }

    private Receipt fact(PaymentEvent event, Instant now, Map<String, String> refusals, Applying applying) {
        String key = event.dedupeKey();
        if (facts.add(event, now)) {
            applying.settle(event.provider(), event.providerEventId(), Outcome.FACT_RECORDED, key, null, now);
            Optional<Prerequisite> prerequisite = Prerequisite.of(event);
            if (prerequisite.isPresent()) {
                return new Receipt(false, Outcome.FACT_RECORDED, dependent(event, prerequisite.get(), now,
                        refusals, false, applying));
            }
            Optional<Purchaser> purchaser = purchaser(event.purchaser());
            if (purchaser.isPresent()) {
                return new Receipt(false, Outcome.FACT_RECORDED,
                        handOn(purchaser.get().memberId(), event, now, refusals, false, applying));
            }
            pending.add(key, event.purchaser(), now);
            log.log(System.Logger.Level.INFO, "payment fact {0} waits for its purchaser to be known", key);
            return new Receipt(false, Outcome.FACT_RECORDED, Status.PENDING);
        }
        applying.settle(event.provider(), event.providerEventId(), Outcome.DUPLICATE_FACT, key, null, now);
        PaymentFacts.Fact stored = facts.lock(key).orElseThrow();
        PaymentEvent merged = RepeatedReports.merge(stored.event(), event);
        facts.reported(key, merged, now);
        Status status = stored.status();
        if (status.awaiting()) {
            // still waiting, unless this report names the missing fact differently
            status = dependent(merged, Prerequisite.of(merged).orElseThrow(), now, refusals, false, applying);
        } else if (status == Status.PENDING) {
            // a later report may name a member the first did not: that claims it, once
            Optional<Purchaser> purchaser = purchaser(merged.purchaser());
            Optional<PendingPurchases.Pending> waiting = pending.unclaimedOf(key);
            if (purchaser.isPresent() && waiting.isPresent()
                    && pending.claim(waiting.get().pendingId(), purchaser.get().memberId(), ClaimKey.REPORT, now)) {
                status = handOn(purchaser.get().memberId(), merged, now, refusals, true, applying);
            } else if (waiting.isPresent() && !merged.purchaser().equals(stored.event().purchaser())) {
                pending.rekey(key, merged.purchaser());
            }
        } else if (status == Status.PARKED && stored.memberId() != null && stored.event().productRef() == null
                && event.productRef() != null) {
            // parked without a product (a Checkout session names none): this report names it, so offer it again
            status = handOn(stored.memberId(), merged, now, refusals, true, applying);
        } else if (status.applied() && stored.memberId() != null) {
            // this report may name the fact as a waiting one knows it (Stripe's subscription id where Adapty, first,
            // gave the first invoice's): what waited for it under that name follows now
            release(event, stored.memberId(), now, refusals, applying);
        }
        return new Receipt(false, Outcome.DUPLICATE_FACT, status);
    }

    /**
     * A fact that needs {@code prerequisite}: handed on for the member the missing fact was applied for, once it
     * was; until then it waits, saying for what. A refund belongs to the wallet its purchase went to, whoever the
     * refund itself names.
     */
    private Status dependent(PaymentEvent event, Prerequisite prerequisite, Instant now,
                             Map<String, String> refusals, boolean mayBeParked, Applying applying) {
        Optional<PaymentFacts.Fact> found = facts.named(event.store(), prerequisite.names()).stream()
                .filter(candidate -> candidate.status().applied() && candidate.memberId() != null
                        && prerequisite.satisfiedBy(candidate.event()))
                .findFirst();
        if (found.isPresent()) {
            return handOn(found.get().memberId(), event, now, refusals, mayBeParked, applying);
        }
        Status waiting = Status.valueOf(prerequisite.code());
        facts.hold(event.dedupeKey(), null, waiting, prerequisite.reason(), now);
        log.log(System.Logger.Level.INFO, "payment fact {0} waits: {1}", event.dedupeKey(), prerequisite.reason());
        return waiting;
    }

    /**
     * The facts that waited for {@code applied}, handed on now for the same member, in this transaction (and those
     * that waited for them, in turn).
     */
    private void release(PaymentEvent applied, String memberId, Instant now, Map<String, String> refusals,
                         Applying applying) {
        var names = Prerequisite.transactionNames(applied);
        if (names.isEmpty()) {
            return;
        }
        for (PaymentFacts.Fact candidate : facts.named(applied.store(), names)) {
            if (!candidate.status().awaiting() || !Prerequisite.of(candidate.event())
                    .map(prerequisite -> prerequisite.satisfiedBy(applied)).orElse(false)) {
                continue;
            }
            PaymentFacts.Fact waiting = facts.lock(candidate.event().dedupeKey()).orElseThrow();
            if (waiting.status().awaiting()) {
                log.log(System.Logger.Level.INFO, "payment fact {0} waited for {1}, applied now",
                        waiting.event().dedupeKey(), applied.dedupeKey());
                handOn(memberId, waiting.event(), now, refusals, true, applying);
            }
        }
    }

    /**
     * Hands the fact to the wallets; a PARKED answer becomes a parked event and an alert, any other answer resolves
     * the fact's parked event if it {@code mayBeParked} (a fact recorded in this transaction never was).
     */
    Status handOn(String memberId, PaymentEvent event, Instant now, Map<String, String> refusals,
                  boolean mayBeParked) {
        return handOn(memberId, event, now, refusals, mayBeParked, null);
    }

    /**
     * {@link #handOn(String, PaymentEvent, Instant, Map, boolean)} in an applier's transaction, which first waits
     * for the member's wallet: appliers of different slots may reach one wallet, and each holds it until it commits,
     * so that they wait for each other in the database (where a cycle is seen at once and broken) and never on a
     * wallet's lock in memory while holding it in the database.
     */
    private Status handOn(String memberId, PaymentEvent event, Instant now, Map<String, String> refusals,
                          boolean mayBeParked, Applying applying) {
        if (applying != null) {
            applying.meet(Set.of(WALLET + memberId));
        }
        String key = event.dedupeKey();
        String refusal = refusals.get(key);
        PaymentApplication.Result result;
        if (refusal != null) {
            result = new PaymentApplication.Result(PaymentApplication.Outcome.PARKED, refusal);
        } else {
            try {
                result = wallets.apply(memberId, event);
            } catch (RuleViolation violation) {
                if (violation.category() == RuleViolation.Category.CONFLICT) {
                    // transient, not a reason to park: the whole transaction rolls back and is tried again
                    throw violation instanceof TransientConflict busy ? busy
                            : new TransientConflict("the wallet of " + memberId + " was busy", violation);
                }
                throw new WalletRefusal(key, violation);
            }
        }
        Objects.requireNonNull(result, "PaymentApplication.apply answered nothing");
        Status status = Status.valueOf(result.outcome().name());
        facts.settle(key, memberId, status, result.reason(), now);
        if (status == Status.PARKED) {
            String reason = result.reason() == null || result.reason().isBlank() ? "parked by the wallet"
                    : result.reason();
            parked.park(key, key, event.provider(), event.providerEventId(), memberId, reason, now);
            log.log(System.Logger.Level.WARNING, "ALERT payment fact {0} of member {1} parked for review: {2}", key,
                    memberId, reason);
        } else if (mayBeParked) {
            parked.resolve(key, now);
        }
        if (status.applied()) {
            release(event, memberId, now, refusals, applying);
        }
        return status;
    }

    /**
     * Who the keys name: the echoed member id when that member is registered, else the holder of the Adapty
     * profile id, else of the Stripe customer id. An identity is a member's claim, not the provider's word (ADR
     * 0012), so a holder other than the member the provider echoed names nobody: the purchase waits. E-mail
     * addresses claim nothing: Hearth holds no verified ones.
     */
    Optional<Purchaser> purchaser(PurchaserKeys keys) {
        String echoed = keys.memberId();
        if (echoed != null && profiles.find(echoed).isPresent()) {
            return Optional.of(new Purchaser(echoed, ClaimKey.MEMBER_ID));
        }
        return holder(IdentityKind.ADAPTY_PROFILE_ID, keys.adaptyProfileId())
                .map(member -> new Purchaser(member, ClaimKey.ADAPTY_PROFILE_ID))
                .or(() -> holder(IdentityKind.STRIPE_CUSTOMER_ID, keys.stripeCustomerId())
                        .map(member -> new Purchaser(member, ClaimKey.STRIPE_CUSTOMER_ID)))
                .filter(purchaser -> echoed == null || echoed.equals(purchaser.memberId()));
    }

    private Optional<String> holder(IdentityKind kind, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return identities.holderOf(new MemberIdentity(kind, value));
        } catch (RuleViolation notAnIdentity) {
            return Optional.empty();
        }
    }

    /**
     * Puts the facts that have waited for another longer than {@code waitedLongerThan} in the review queue (up to
     * {@code batch}), with why they wait: a person looks at them, and they still wait (ADR 0031). The missing fact,
     * when it comes, resolves the parked event. Returns how many it parked.
     */
    public int parkLongWaits(java.time.Duration waitedLongerThan, int batch) {
        Instant now = clock.instant();
        int count = 0;
        for (PaymentFacts.Fact waiting : facts.waitingUnparked(now.minus(waitedLongerThan), batch)) {
            String key = waiting.event().dedupeKey();
            String reason = "waiting since " + waiting.recordedAt() + ": " + waiting.reason();
            transactions.run(() -> parked.park(key, key, waiting.event().provider(),
                    waiting.event().providerEventId(), waiting.memberId(), reason, now));
            log.log(System.Logger.Level.WARNING, "ALERT payment fact {0} parked for review: {1}", key, reason);
            count++;
        }
        return count;
    }
}
