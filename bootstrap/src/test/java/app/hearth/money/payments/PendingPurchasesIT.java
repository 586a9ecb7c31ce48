package app.hearth.money.payments;

import static app.hearth.money.payments.PaymentsItSupport.adapty;
import static app.hearth.money.payments.PaymentsItSupport.anonymousAdaptyPurchase;
import static app.hearth.money.payments.PaymentsItSupport.assertOk;
import static app.hearth.money.payments.PaymentsItSupport.profile;
import static app.hearth.money.payments.PaymentsItSupport.stripe;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.members.MemberIdentities;
import app.hearth.application.money.payments.PendingPurchaseClaims;
import app.hearth.application.money.payments.PendingPurchases.ClaimKey;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.members.IdentityKind;
import app.hearth.domain.members.MemberIdentity;
import app.hearth.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Purchases of purchasers Hearth does not know wait as pending purchases and are claimed exactly once: by the
 * member who attaches the Adapty profile id, by the member whose id the provider echoed once they register, or by
 * a later report of the same fact naming a known member. Unclaimed ones reach the support queue after 30 days.
 */
class PendingPurchasesIT extends IntegrationTest {

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Value("${hearth.payments.adapty.sandbox-authorization}")
    String sandbox;

    @Autowired
    PendingPurchaseClaims pendingClaims;

    @Autowired
    MemberIdentities identities;

    @Autowired
    Transactions transactions;

    private Map<String, Object> row(String sql, Object... arguments) {
        return jdbc.queryForMap(sql, arguments);
    }

    private Map<String, Object> pending(String dedupeKey) {
        return row("select * from pending_purchase where dedupe_key = ?", dedupeKey);
    }

    private Map<String, Object> fact(String dedupeKey) {
        return row("select * from payment_fact where dedupe_key = ?", dedupeKey);
    }

    /** An anonymous Adapty purchase of a fresh profile, recorded as pending; its dedupe key. */
    private String anonymousPurchase(String profileId) {
        String transaction = "2000" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        var response = adapty(anonymous(), sandbox, anonymousAdaptyPurchase(UUID.randomUUID().toString(),
                transaction, profileId));
        assertOk(response);
        String key = "APP_STORE:" + transaction + ":ONE_TIME_PURCHASE";
        assertThat(fact(key).get("status")).isEqualTo("PENDING");
        return key;
    }

    @Test
    void anUnknownPurchaserWaitsAndTheMemberAttachingTheAdaptyProfileClaimsItOnce() {
        String profile = UUID.randomUUID().toString();
        String key = anonymousPurchase(profile);
        var waiting = pending(key);
        assertThat(waiting.get("adapty_profile_id")).isEqualTo(profile);
        assertThat(waiting.get("claimed_by")).isNull();
        assertThat(fact(key).get("status")).isEqualTo("PENDING");
        assertThat(fact(key).get("handed_on")).isEqualTo(0);
        assertThat(fact(key).get("member_id")).isNull();

        String member = "claimer-" + UUID.randomUUID();
        var attached = as("member", member).post("/api/v1/me/identities", Map.of("kind", "adapty_profile_id",
                "value", profile));
        assertThat(attached.status()).isEqualTo(201);

        var claimed = pending(key);
        assertThat(claimed.get("claimed_by")).isEqualTo(member);
        assertThat(claimed.get("claimed_with")).isEqualTo("adapty_profile_id");
        assertThat(fact(key).get("member_id")).isEqualTo(member);
        assertThat(fact(key).get("handed_on")).isEqualTo(1);
        // until the wallets are merged, the hand-over parks: a row for review with its reason
        assertThat(fact(key).get("status")).isNotEqualTo("PENDING");

        // attaching it again (already yours) and the sweep change nothing
        assertThat(as("member", member).post("/api/v1/me/identities", Map.of("kind", "adapty_profile_id",
                "value", profile)).status()).isEqualTo(200);
        pendingClaims.claimResolvable(10_000);
        assertThat(fact(key).get("handed_on")).isEqualTo(1);
    }

    @Test
    void twoConcurrentClaimsOfOnePendingPurchaseClaimItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String profile = UUID.randomUUID().toString();
            String key = anonymousPurchase(profile);
            String member = "racer-" + UUID.randomUUID();
            // the identity is held, but nobody has been told: two claims race for the one purchase
            transactions.inTransaction(() -> identities.attach(member,
                    new MemberIdentity(IdentityKind.ADAPTY_PROFILE_ID, profile), Instant.now()));
            var barrier = new CyclicBarrier(2);
            var tasks = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 2; i++) {
                tasks.add(() -> {
                    barrier.await();
                    return pendingClaims.claim(ClaimKey.ADAPTY_PROFILE_ID, profile, member);
                });
            }
            int claims = 0;
            try (var pool = Executors.newFixedThreadPool(2)) {
                for (var future : pool.invokeAll(tasks)) {
                    claims += future.get();
                }
            }
            assertThat(claims).isEqualTo(1);
            assertThat(pending(key).get("claimed_by")).isEqualTo(member);
            assertThat(fact(key).get("handed_on")).isEqualTo(1);
        }
    }

    @Test
    void registeringWithTheMemberIdStripeEchoedClaimsThePurchase() {
        String member = "echoed-" + UUID.randomUUID();
        String tag = unique();
        String checkout = Fixtures.replace(Fixtures.stripe("checkout.session.completed.subscription"),
                "evt_1k4JagRrHuoIQciTVuALIXQ8", "evt_pend" + tag,
                Fixtures.FIRST_INVOICE_A, "in_pend" + tag,
                Fixtures.CUSTOMER_A, "cus_pend" + tag,
                Fixtures.MEMBER, member);
        var response = stripe(anonymous(), secret, checkout);
        assertOk(response);
        String key = "STRIPE:in_pend" + tag + ":SUBSCRIPTION_STARTED";
        assertThat(fact(key).get("status")).isEqualTo("PENDING");
        assertThat(pending(key).get("member_id")).isEqualTo(member);

        // someone else registering claims nothing
        assertThat(as("member", "bystander-" + UUID.randomUUID()).put("/api/v1/me/profile", profile()).status())
                .isEqualTo(201);
        assertThat(pending(key).get("claimed_by")).isNull();

        assertThat(as("member", member).put("/api/v1/me/profile", profile()).status()).isEqualTo(201);
        assertThat(pending(key).get("claimed_by")).isEqualTo(member);
        assertThat(pending(key).get("claimed_with")).isEqualTo("member_id");
        assertThat(fact(key).get("handed_on")).isEqualTo(1);
        // replacing the profile is no new registration
        assertThat(as("member", member).put("/api/v1/me/profile", profile()).status()).isEqualTo(200);
        assertThat(fact(key).get("handed_on")).isEqualTo(1);
    }

    @Test
    void aLaterReportOfTheSameFactNamingAKnownMemberClaimsIt() {
        String member = "reported-" + UUID.randomUUID();
        assertThat(as("member", member).put("/api/v1/me/profile", profile()).status()).isEqualTo(201);
        String tag = unique();
        String invoice = "in_rep" + tag;
        String invoicePaid = Fixtures.replace(Fixtures.stripe("invoice.paid"),
                "evt_1DGcocRrHuoIQciTFdHT37gi", "evt_rep" + tag,
                Fixtures.FIRST_INVOICE_A, invoice,
                Fixtures.CUSTOMER_A, "cus_rep" + tag);
        assertOk(stripe(anonymous(), secret, invoicePaid));
        String key = "STRIPE:" + invoice + ":SUBSCRIPTION_STARTED";
        assertThat(fact(key).get("status")).isEqualTo("PENDING");

        String adaptyEventId = UUID.randomUUID().toString();
        String adaptys = Fixtures.replace(Fixtures.adapty("subscription_started.stripe"),
                "6c307511-b2b9-437a-a8df-6ec4ce4a2bbd", adaptyEventId,
                Fixtures.FIRST_INVOICE_A, invoice,
                Fixtures.MEMBER, member);
        var response = adapty(anonymous(), sandbox, adaptys);
        assertOk(response);
        assertThat(PaymentsItSupport.applied(jdbc, "adapty", adaptyEventId).outcome()).isEqualTo("DUPLICATE_FACT");

        assertThat(pending(key).get("claimed_by")).isEqualTo(member);
        assertThat(pending(key).get("claimed_with")).isEqualTo("report");
        var fact = fact(key);
        assertThat(fact.get("reports")).isEqualTo(2);
        assertThat(fact.get("handed_on")).isEqualTo(1);
        assertThat(fact.get("member_id")).isEqualTo(member);
        // the Stripe customer is now known with the fact, the Adapty profile too
        assertThat(fact.get("stripe_customer_id")).isEqualTo("cus_rep" + tag);
        assertThat(fact.get("adapty_profile_id")).isEqualTo("bdd640fb-0667-4ad1-9c80-317fa3b1799d");
    }

    @Test
    void theSweepClaimsWhatNoListenerWasToldOf() {
        String profile = UUID.randomUUID().toString();
        String key = anonymousPurchase(profile);
        String member = "swept-" + UUID.randomUUID();
        transactions.inTransaction(() -> identities.attach(member,
                new MemberIdentity(IdentityKind.ADAPTY_PROFILE_ID, profile), Instant.now()));
        assertThat(pending(key).get("claimed_by")).isNull();
        assertThat(pendingClaims.claimResolvable(10_000)).isGreaterThanOrEqualTo(1);
        assertThat(pending(key).get("claimed_by")).isEqualTo(member);
        assertThat(pendingClaims.claimResolvable(10_000)).isZero();
        assertThat(fact(key).get("handed_on")).isEqualTo(1);
    }

    @Test
    void purchasesUnclaimedFor30DaysAreInTheSupportQueue() {
        String key = anonymousPurchase(UUID.randomUUID().toString());
        long pendingId = ((Number) pending(key).get("pending_id")).longValue();
        var admin = as("admin", "support-admin");

        assertThat(listed(admin, "/api/v1/admin/pending-purchases", pendingId)).isFalse();
        assertThat(listed(admin, "/api/v1/admin/pending-purchases?olderThanDays=0", pendingId)).isTrue();
        jdbc.update("update pending_purchase set created_at = now() - interval '31 days' where pending_id = ?",
                pendingId);
        assertThat(listed(admin, "/api/v1/admin/pending-purchases", pendingId)).isTrue();
        assertThat(listed(as("superadmin", "support-root"), "/api/v1/admin/pending-purchases?olderThanDays=30",
                pendingId)).isTrue();
        assertThat(listed(admin, "/api/v1/admin/pending-purchases?olderThanDays=32", pendingId)).isFalse();

        var item = find(admin, "/api/v1/admin/pending-purchases", pendingId);
        assertThat(item.get("dedupeKey").asString()).isEqualTo(key);
        assertThat(item.get("adaptyProfileId").asString()).isNotBlank();

        assertThat(as("member", "support-member").get("/api/v1/admin/pending-purchases").status()).isEqualTo(403);
        assertThat(as("supervisor", "support-sup").get("/api/v1/admin/pending-purchases").status()).isEqualTo(403);
        var negative = admin.get("/api/v1/admin/pending-purchases?olderThanDays=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.code()).isEqualTo("INVALID_AGE");
        assertThat(admin.get("/api/v1/admin/pending-purchases?cursor=nonsense").code()).isEqualTo("INVALID_CURSOR");
    }

    /** Whether the pending purchase is on any page of the list, following cursors one item at a time. */
    private boolean listed(app.hearth.support.Api api, String path, long pendingId) {
        return find(api, path, pendingId) != null;
    }

    private JsonNode find(app.hearth.support.Api api, String path, long pendingId) {
        String cursor = null;
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; page < 10_000; page++) {
            var response = api.get(path + separator + "limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.status()).isEqualTo(200);
            for (JsonNode item : response.body().get("items")) {
                if (item.get("pendingId").asLong() == pendingId) {
                    return item;
                }
            }
            JsonNode next = response.body().get("nextCursor");
            if (next == null || next.isNull()) {
                return null;
            }
            cursor = next.asString();
        }
        throw new IllegalStateException("too many pages");
    }
}
