package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.members.Members;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.payments.ParkedPaymentEvents;
import app.hearth.application.money.payments.PaymentFacts;
import app.hearth.application.money.payments.PaymentInbox;
import app.hearth.application.money.payments.PaymentPipeline;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.application.money.payments.PaymentWebhooks.Notification;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import app.hearth.application.money.payments.PendingPurchases;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.members.MemberIdentity;
import app.hearth.domain.members.MemberProfile;
import app.hearth.domain.money.payments.PaymentEnvironment;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.shared.RuleViolation;
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
import org.junit.jupiter.api.Test;

/**
 * The pipeline's decisions with in-memory ports whose transactions roll back like the database's: a wallet that
 * refuses by rule parks the event (recorded again in a fresh transaction), a wallet that fails leaves nothing, a
 * parked fact without a product is offered again when a later report names it.
 */
class PaymentPipelineTest {

    private static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");
    private static final String MEMBER = "member-1";

    /** Every store's rows, copied at the start of a transaction and put back when it fails. */
    private final Map<String, Object> inboxRows = new LinkedHashMap<>();
    private final Map<String, PaymentFacts.Fact> factRows = new LinkedHashMap<>();
    private final Map<String, PendingPurchases.Pending> pendingRows = new LinkedHashMap<>();
    private final Map<String, ParkedPaymentEvents.Parked> parkedRows = new LinkedHashMap<>();
    private final List<String> applied = new ArrayList<>();
    private PaymentApplication wallet = (memberId, event) -> {
        applied.add(event.dedupeKey());
        return new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
    };

    private final Transactions transactions = new Transactions() {
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

    private final PaymentInbox inbox = new PaymentInbox() {
        @Override
        public boolean add(Notification notification, Instant receivedAt) {
            return inboxRows.putIfAbsent(notification.provider() + ":" + notification.providerEventId(),
                    "RECEIVED") == null;
        }

        @Override
        public void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome,
                           String dedupeKey, String detail) {
            inboxRows.put(provider + ":" + providerEventId, outcome.name());
        }
    };

    private final PaymentFacts facts = new PaymentFacts() {
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

    private final PendingPurchases pending = new PendingPurchases() {
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
                    .filter(p -> key == ClaimKey.ADAPTY_PROFILE_ID && value.equals(p.keys().adaptyProfileId()))
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
            return List.of();
        }
    };

    private final ParkedPaymentEvents parked = new ParkedPaymentEvents() {
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

    private final Map<String, String> identityHolders = new HashMap<>();

    private final MemberProfiles profiles = new MemberProfiles() {
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

    private final MemberIdentities identities = new MemberIdentities() {
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

    private PaymentPipeline pipeline() {
        PaymentApplication delegating = (memberId, event) -> wallet.apply(memberId, event);
        return new PaymentPipeline(inbox, facts, pending, parked, delegating, profiles, identities, transactions,
                Clock.fixed(NOW, ZoneOffset.UTC), PaymentEnvironment.TEST);
    }

    private static PaymentEvent purchase(String provider, String eventId, String productRef, PurchaserKeys keys) {
        return new PaymentEvent(provider, eventId, PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, "in_1",
                "sub_1", productRef, 1499, "USD", NOW, null, keys);
    }

    private static Notification notification(PaymentEvent event) {
        return new Notification(event.provider(), event.providerEventId(), "test", null, "{}",
                new Reading.Normalized(event));
    }

    @Test
    void aWalletThatRefusesByRuleHasTheEventParkedWithItsCodeInAFreshTransaction() {
        wallet = (memberId, event) -> {
            throw RuleViolation.refused("WALLET_CLOSED", "the wallet is closed");
        };
        var receipt = pipeline().receive(notification(purchase("stripe", "evt_1", "price_1",
                new PurchaserKeys(MEMBER, null, null, null))));
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.PARKED);
        assertThat(inboxRows).containsEntry("stripe:evt_1", "FACT_RECORDED");
        var fact = factRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED");
        assertThat(fact.handedOn()).isEqualTo(1);
        assertThat(fact.reason()).contains("WALLET_CLOSED");
        assertThat(parkedRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED").reason()).contains("WALLET_CLOSED");
    }

    @Test
    void aWalletThatFailsLeavesNothingSoTheProviderRetries() {
        wallet = (memberId, event) -> {
            throw new IllegalStateException("event store unavailable");
        };
        var notification = notification(purchase("stripe", "evt_2", "price_1",
                new PurchaserKeys(MEMBER, null, null, null)));
        assertThatThrownBy(() -> pipeline().receive(notification)).isInstanceOf(IllegalStateException.class);
        assertThat(inboxRows).isEmpty();
        assertThat(factRows).isEmpty();

        wallet = (memberId, event) -> new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
        assertThat(pipeline().receive(notification).status()).isEqualTo(PaymentFacts.Status.APPLIED);
    }

    @Test
    void aFactParkedWithoutAProductIsOfferedAgainOnceALaterReportNamesItAndItsParkedRowResolves() {
        wallet = (memberId, event) -> event.productRef() == null
                ? new PaymentApplication.Result(PaymentApplication.Outcome.PARKED, "unknown product")
                : new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
        var keys = new PurchaserKeys(MEMBER, null, "cus_1", null);
        assertThat(pipeline().receive(notification(purchase("stripe", "evt_checkout", null, keys))).status())
                .isEqualTo(PaymentFacts.Status.PARKED);
        assertThat(parkedRows).containsKey("STRIPE:in_1:SUBSCRIPTION_STARTED");

        var receipt = pipeline().receive(notification(purchase("adapty", "ev-2", "price_1", keys)));
        assertThat(receipt.outcome()).isEqualTo(PaymentWebhooks.Outcome.DUPLICATE_FACT);
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.APPLIED);
        var fact = factRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED");
        assertThat(fact.event().productRef()).isEqualTo("price_1");
        assertThat(fact.event().provider()).isEqualTo("stripe");
        assertThat(fact.handedOn()).isEqualTo(2);
        assertThat(parkedRows).isEmpty();

        // a third report changes nothing more
        assertThat(pipeline().receive(notification(purchase("stripe", "evt_invoice", "price_1", keys))).status())
                .isEqualTo(PaymentFacts.Status.APPLIED);
        assertThat(factRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED").handedOn()).isEqualTo(2);
    }

    @Test
    void anUnknownPurchaserWaitsAndALaterReportAddsItsKeysToThePendingPurchase() {
        var receipt = pipeline().receive(notification(purchase("stripe", "evt_a", "price_1",
                new PurchaserKeys(null, null, "cus_9", "someone@example.com"))));
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.PENDING);
        pipeline().receive(notification(purchase("adapty", "ev-b", "price_1",
                new PurchaserKeys(null, "profile-9", null, null))));
        var waiting = pendingRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED");
        assertThat(waiting.claimedBy()).isNull();
        assertThat(waiting.keys()).isEqualTo(new PurchaserKeys(null, "profile-9", "cus_9", "someone@example.com"));
        assertThat(applied).isEmpty();

        identityHolders.put("profile-9", "member-9");
        assertThat(pipeline().claim(PendingPurchases.ClaimKey.ADAPTY_PROFILE_ID, "profile-9", "member-9"))
                .isEqualTo(1);
        assertThat(pipeline().claim(PendingPurchases.ClaimKey.ADAPTY_PROFILE_ID, "profile-9", "member-9")).isZero();
        assertThat(applied).containsExactly("STRIPE:in_1:SUBSCRIPTION_STARTED");
    }

    @Test
    void anEmailAloneNamesNobody() {
        assertThat(pipeline().receive(notification(purchase("stripe", "evt_e", "price_1",
                new PurchaserKeys(null, null, null, "member-1@example.com")))).status())
                .isEqualTo(PaymentFacts.Status.PENDING);
        assertThat(applied).isEmpty();
    }

    @Test
    void anIdentityHeldByAnotherMemberThanTheOneTheProviderEchoedClaimsNothing() {
        identityHolders.put("profile-7", "member-7");
        var receipt = pipeline().receive(notification(purchase("adapty", "ev-7", "price_1",
                new PurchaserKeys("member-8", "profile-7", null, null))));
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.PENDING);
        assertThat(pipeline().claim(PendingPurchases.ClaimKey.ADAPTY_PROFILE_ID, "profile-7", "member-7")).isZero();
        assertThat(pendingRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED").claimedBy()).isNull();

        // the same member as echoed, not registered yet, is named by the identity they hold
        identityHolders.put("profile-8", "member-8");
        var other = new PaymentEvent("adapty", "ev-8", PaymentEventKind.ONE_TIME_PURCHASE, Store.APP_STORE, "t-8",
                null, "tokens_100", 899, "GBP", NOW, null, new PurchaserKeys("member-8", "profile-8", null, null));
        assertThat(pipeline().receive(notification(other)).status()).isEqualTo(PaymentFacts.Status.APPLIED);
        assertThat(applied).containsExactly("APP_STORE:t-8:ONE_TIME_PURCHASE");
    }
}
