package app.hearth.application.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.members.IdentityAttached;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.payments.PaymentWebhooks.Notification;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import app.hearth.application.money.payments.PendingPurchases.ClaimKey;
import app.hearth.domain.members.IdentityKind;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import org.junit.jupiter.api.Test;

/**
 * Claims of pending purchases: by registering, by attaching an identity, by the sweep; each once, each in a
 * pipeline transaction that is tried again whole when the wallet is busy.
 */
class PendingPurchaseClaimsTest extends InMemoryPayments {

    private static final String KEY = "STRIPE:pi_1:ONE_TIME_PURCHASE";

    private void waitingPurchase(PurchaserKeys keys) {
        var event = new PaymentEvent("stripe", "evt_1", PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_1",
                null, "price_tokens", 999, "USD", NOW, null, keys);
        var receipt = receiveAndApply(pipeline(), new Notification("stripe", "evt_1", "checkout.session.completed", "test",
                "{}", new Reading.Normalized(event)));
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.PENDING);
        assertThat(applied).isEmpty();
    }

    @Test
    void aMemberRegisteringClaimsThePurchaseThatEchoedTheirIdOnce() {
        waitingPurchase(new PurchaserKeys("member-2", null, null, null));

        claims().registered("member-2", NOW);
        claims().registered("member-2", NOW);

        assertThat(applied).containsExactly(KEY);
        assertThat(pendingRows.get(KEY).claimedBy()).isEqualTo("member-2");
        assertThat(pendingRows.get(KEY).claimedWith()).isEqualTo("member_id");
        assertThat(factRows.get(KEY).status()).isEqualTo(PaymentFacts.Status.APPLIED);
        assertThat(factRows.get(KEY).memberId()).isEqualTo("member-2");
    }

    @Test
    void attachingTheStripeCustomerIdTheProviderNamedClaimsIt() {
        waitingPurchase(new PurchaserKeys(null, null, "cus_7", null));

        claims().identityAttached(new IdentityAttached("member-7", IdentityKind.ADAPTY_PROFILE_ID, "cus_7", NOW));
        assertThat(applied).as("another kind of key with the same value").isEmpty();

        claims().identityAttached(new IdentityAttached("member-7", IdentityKind.STRIPE_CUSTOMER_ID, "cus_7", NOW));
        assertThat(applied).containsExactly(KEY);
        assertThat(pendingRows.get(KEY).claimedWith()).isEqualTo("stripe_customer_id");
    }

    @Test
    void theSweepClaimsWhatTheListenerMissedOnce() {
        waitingPurchase(new PurchaserKeys(null, "profile-5", null, null));
        assertThat(claims().claimResolvable(100)).as("nobody holds the profile yet").isZero();

        identityHolders.put("profile-5", "member-5");
        assertThat(claims().claimResolvable(100)).isOne();
        assertThat(claims().claimResolvable(100)).isZero();
        assertThat(applied).containsExactly(KEY);
        assertThat(pendingRows.get(KEY).claimedBy()).isEqualTo("member-5");
    }

    @Test
    void aBusyWalletRollsTheClaimBackAndItIsTriedAgainWhole() {
        waitingPurchase(new PurchaserKeys("member-2", null, null, null));
        int[] busy = {2};
        wallet = (memberId, event) -> {
            if (busy[0]-- > 0) {
                throw new TransientConflict("the wallet of " + memberId + " changed concurrently");
            }
            applied.add(event.dedupeKey());
            return new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
        };

        assertThat(claims().claim(ClaimKey.MEMBER_ID, "member-2", "member-2")).isOne();

        assertThat(applied).containsExactly(KEY);
        assertThat(factRows.get(KEY).handedOn()).as("handed on by the committed attempt only").isOne();
    }

    @Test
    void aWalletThatRefusesTheClaimedFactParksItAndTheClaimStands() {
        waitingPurchase(new PurchaserKeys("member-2", null, null, null));
        wallet = (memberId, event) -> {
            throw RuleViolation.refused("VERSION_MISMATCH", "not this member's version");
        };

        assertThat(claims().claim(ClaimKey.MEMBER_ID, "member-2", "member-2")).isOne();

        assertThat(pendingRows.get(KEY).claimedBy()).isEqualTo("member-2");
        assertThat(factRows.get(KEY).status()).isEqualTo(PaymentFacts.Status.PARKED);
        assertThat(parkedRows.get(KEY).reason()).contains("VERSION_MISMATCH");
    }

    @Test
    void aBlankKeyClaimsNothing() {
        assertThat(claims().claim(ClaimKey.ADAPTY_PROFILE_ID, " ", "member-2")).isZero();
        assertThat(claims().claim(ClaimKey.ADAPTY_PROFILE_ID, null, "member-2")).isZero();
    }
}
