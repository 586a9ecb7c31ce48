package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.Wallet.Open;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A wallet as its member sees it at one instant: the version and, for that version only, the token balances (V1),
 * the tier with what is left of today's allowance and when it resets (V2), or the usable moment packs (V3).
 */
@ValueObject
public record WalletView(String memberId, MonetizationVersion version, String timeZone, Instant at, Tokens tokens,
                         Tier tier, List<Pack> packs) {

    /** V1: paid and granted tokens (held ones included) and how many of them calls hold. */
    public record Tokens(long paid, long granted, long held, long spendable) {
    }

    /** V2: the subscription in force (or the last one), and today's allowance. */
    public record Tier(String productId, String name, SubscriptionStatus status, Instant periodEnd,
                       String pendingProductId, Instant pendingFrom, long dailyCallSeconds, long dailyMessages,
                       long callSecondsLeft, long messagesLeft, String day, Instant resetsAt) {
    }

    /** V3: a pack's unused moments (of which {@code held} are held by a call) and when it expires. */
    public record Pack(String packKey, String productId, long moments, long held, long momentSeconds,
                       Instant expiresAt) {
    }

    public static WalletView of(Open wallet, Instant at) {
        Tokens tokens = null;
        Tier tier = null;
        List<Pack> packs = null;
        switch (wallet.version()) {
            case V1_TOKENS -> tokens = new Tokens(wallet.paidTokens(), wallet.grantedTokens(), wallet.heldTokens(),
                    wallet.spendableTokens());
            case V2_TIERS -> tier = tier(wallet, at);
            case V3_MOMENTS -> packs = wallet.packs().stream()
                    .filter(pack -> pack.usableAt(at) && pack.remaining() > 0)
                    .sorted(MomentRules.EXPIRING_FIRST)
                    .map(pack -> new Pack(pack.key(), pack.productId(), pack.remaining(), pack.held(),
                            pack.momentSeconds(), pack.expiresAt()))
                    .toList();
        }
        return new WalletView(wallet.memberId(), wallet.version(), wallet.effectiveZone(), at, tokens, tier, packs);
    }

    private static Tier tier(Open wallet, Instant at) {
        AllowanceDay day = wallet.dayAt(at);
        Subscription shown = wallet.subscriptions().values().stream()
                .filter(subscription -> subscription.entitledAt(at))
                .max(Comparator.comparingInt(subscription -> subscription.tierAt(at).rank()))
                .or(() -> wallet.subscriptions().values().stream()
                        .max(Comparator.comparing(Subscription::newestProviderTime)))
                .orElse(null);
        TierGrant grant = shown == null ? null : shown.tierAt(at);
        boolean pendingDue = shown != null && shown.pendingTier() != null && !at.isBefore(shown.pendingFrom());
        return new Tier(grant == null ? null : grant.productId(), grant == null ? null : grant.name(),
                shown == null ? null : shown.status(), shown == null ? null : shown.periodEnd(),
                shown == null || pendingDue || shown.pendingTier() == null ? null : shown.pendingTier().productId(),
                shown == null || pendingDue ? null : shown.pendingFrom(),
                wallet.dailyCallSecondsAt(at), wallet.dailyMessagesAt(at), wallet.callSecondsLeft(day, at),
                wallet.messagesLeft(day, at), day.date(), day.endsAt());
    }
}
