package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.application.money.wallet.WalletReadModel;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.AllowanceDay;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.money.wallet.MomentPack;
import app.hearth.domain.money.wallet.Movement;
import app.hearth.domain.money.wallet.PaymentFacts;
import app.hearth.domain.money.wallet.TokenLot;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reliability test #6 through the real stack: a seeded random sequence of wallet operations over eight members
 * (grants, purchases and refunds as payment facts, subscription facts, holds with extensions, captures and
 * releases, chat charges, migrations between versions, and retries of earlier movement ids) goes through the
 * application's {@link WalletCommandBus} into the Axon event store; refusals are expected and counted. After every
 * step the wallet folded from its stored events has no balance, lot, pack or day below zero and holds no more than it
 * has. Once the {@code wallet-read-model} processor has caught up, every wallet rebuilt from the event store alone, as
 * an auditor would, equals the read model: version, token and moment balances, movement count (the {@code wallet}
 * row) and every movement (the member's {@code GET /api/v1/me/wallet/movements}, all pages), whose token and moment
 * amounts sum to the balances. A failure prints its seed; replay it with {@code -Dwallet.rebuild.seed=N} (and
 * {@code -Dwallet.rebuild.operations=N}).
 */
class WalletRebuildIT extends IntegrationTest {

    static final long SEED = Long.getLong("wallet.rebuild.seed", 20_261_124L);
    static final int OPERATIONS = Integer.getInteger("wallet.rebuild.operations", 400);
    static final int MEMBERS = 8;
    static final List<String> PRODUCT_REFS = List.of("tokens_100", "tokens_500", "moments_5", "moments_10",
            "onemonth_no_trial", "plus_monthly", "no-such-product");
    static final List<String> TIER_REFS = List.of("onemonth_no_trial", "plus_monthly", "premium_monthly");
    static final Set<String> EXPECTED_REFUSALS = Set.of(WalletDecider.INSUFFICIENT_BALANCE,
            WalletDecider.WRONG_VERSION, WalletDecider.PRODUCT_UNKNOWN, WalletDecider.PRODUCT_OF_ANOTHER_VERSION,
            WalletDecider.PAYMENT_NOT_UNDERSTOOD, WalletDecider.HOLDS_OPEN, WalletDecider.MIGRATION_TO_SAME_VERSION);

    @Autowired
    WalletCommandBus wallets;
    @Autowired
    WalletHistory history;
    @Autowired
    WalletReadModel readModel;
    @Autowired
    Catalogs catalogs;

    @Test
    void walletsRebuiltFromTheEventStoreEqualTheReadModelAfterASeededRandomSequence() {
        var run = new Run(SEED, "rebuild-" + UUID.randomUUID().toString().substring(0, 8) + "-");
        try {
            run.operations(OPERATIONS);
            run.lastOperation = "the rebuilt wallets against the read model, after every operation";
            Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);
            run.members.forEach(this::rebuiltEqualsReadModel);
        } catch (AssertionError | RuntimeException failure) {
            String where = "seed " + SEED + ", step " + Math.min(run.step, OPERATIONS) + " of " + OPERATIONS + " ("
                    + run.lastOperation + ")";
            System.err.println("WalletRebuildIT FAILED for " + where + "; replay with -Dwallet.rebuild.seed=" + SEED
                    + " -Dwallet.rebuild.operations=" + OPERATIONS);
            throw new AssertionError("wallet rebuild failed for " + where + ": " + failure.getMessage(), failure);
        }
        System.out.println("WalletRebuildIT seed " + SEED + ": " + OPERATIONS + " operations, outcomes "
                + run.outcomes);
        // the sequence exercised what it is about, not only refusals
        assertThat(run.outcomes.getOrDefault("applied", 0)).isGreaterThan(OPERATIONS / 2);
        assertThat(run.eventTypes()).contains("TokensGranted", "TokensPurchased", "MomentPackPurchased",
                "HoldPlaced", "HoldExtended", "HoldCaptured", "HoldReleased", "MessageCharged", "WalletMigrated");
    }

    /** The wallet folded from the event store against the {@code wallet} row and the member's movements API. */
    private void rebuiltEqualsReadModel(String member) {
        List<WalletEvent> events = history.history(member);
        var rebuilt = (Wallet.Open) WalletDecider.replay(events);
        List<Movement> movements = events.stream().flatMap(event -> event.movements().stream()).toList();
        WalletReadModel.Balance row = readModel.balance(member).orElseThrow();
        assertThat(row.version()).as("version of %s", member).isEqualTo(rebuilt.version());
        assertThat(row.tokenBalance()).as("token balance of %s", member).isEqualTo(rebuilt.tokenBalance());
        assertThat(row.momentBalance()).as("moment balance of %s", member).isEqualTo(rebuilt.momentBalance());
        assertThat(row.movements()).as("movement count of %s", member).isEqualTo(rebuilt.movements())
                .isEqualTo(movements.size());
        // the state GET /me/wallet reads (ADR 0048): the fold's stored shape, at the wallet's last sequence
        var stored = readModel.wallet(member).orElseThrow();
        assertThat(stored.state()).as("stored state of %s", member).isEqualTo(rebuilt.asStored());
        assertThat(stored.sequence()).as("sequence of %s", member).isEqualTo(events.size() - 1);

        // every movement, as the member reads them (newest first, paged)
        Api api = as("member", member);
        var listed = new ArrayList<String>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/me/wallet/movements?limit=17" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            for (JsonNode item : page.body().get("items")) {
                listed.add(item.get("position").asLong() + " " + item.get("kind").asString() + " "
                        + item.get("unit").asString() + " " + item.get("amount").asLong() + " "
                        + item.get("balanceAfter").asLong() + " "
                        + (item.get("reference") == null || item.get("reference").isNull() ? null
                        : item.get("reference").asString()) + " " + Instant.parse(item.get("occurredAt").asString()));
            }
            JsonNode next = page.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        var expected = new ArrayList<String>();
        for (Movement movement : movements.reversed()) {
            expected.add(movement.position() + " " + movement.kind().name().toLowerCase(Locale.ROOT) + " "
                    + movement.unit().name().toLowerCase(Locale.ROOT) + " " + movement.amount() + " "
                    + movement.balanceAfter() + " " + movement.reference() + " " + movement.at());
        }
        assertThat(listed).as("movements of %s", member).containsExactlyElementsOf(expected);

        // debits equal credits: the movements of each unit sum to its balance
        assertThat(jdbc.queryForObject("select coalesce(sum(amount), 0) from wallet_movement where member_id = ? "
                + "and unit = 'TOKENS'", Long.class, member)).isEqualTo(rebuilt.tokenBalance());
        assertThat(jdbc.queryForObject("select coalesce(sum(amount), 0) from wallet_movement where member_id = ? "
                + "and unit = 'MOMENTS'", Long.class, member)).isEqualTo(rebuilt.momentBalance());
    }

    /** One seeded sequence of operations over {@value #MEMBERS} wallets. */
    final class Run {
        final Random random;
        final List<String> members = new ArrayList<>();
        final Map<String, List<String>> purchases = new HashMap<>();
        final List<WalletCommand> carriedOut = new ArrayList<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        final TokenRates rates = catalogs.current().catalog().tokenRates();
        Instant now = Instant.parse("2026-11-25T09:00:00Z");
        int step;
        int counter;
        String lastOperation = "open";

        Run(long seed, String prefix) {
            random = new Random(seed);
            for (int i = 0; i < MEMBERS; i++) {
                String member = prefix + i;
                // five on tokens, two on moments, one on tiers; migrations move them around
                MonetizationVersion version = i < 5 ? MonetizationVersion.V1_TOKENS
                        : i < 7 ? MonetizationVersion.V3_MOMENTS : MonetizationVersion.V2_TIERS;
                wallets.open(new WalletCommand.OpenWallet(member, version, pick(List.of("UTC", "Europe/Berlin",
                        "Asia/Tokyo")), now));
                members.add(member);
            }
        }

        void operations(int count) {
            for (step = 1; step <= count; step++) {
                now = now.plusSeconds(random.nextInt(900));
                if (random.nextInt(80) == 0) {
                    now = now.plus(Duration.ofDays(1 + random.nextInt(3)));
                }
                String member = pick(members);
                var before = (Wallet.Open) WalletDecider.replay(history.history(member));
                WalletCommand command = next(member, before);
                lastOperation = command.getClass().getSimpleName() + " " + command.movementId() + " of " + member;
                boolean retry = before.recorded().contains(command.movementId());
                try {
                    WalletReceipt receipt = wallets.send(command);
                    assertThat(receipt.alreadyRecorded()).as("already recorded").isEqualTo(retry);
                    outcomes.merge(retry ? "retried" : "applied", 1, Integer::sum);
                    if (!retry) {
                        carriedOut.add(command);
                    }
                } catch (RuleViolation refused) {
                    assertThat(EXPECTED_REFUSALS).as("refusal %s: %s", refused.code(), refused.getMessage())
                            .contains(refused.code());
                    assertThat(retry).as("a retry is never refused").isFalse();
                    outcomes.merge(refused.code(), 1, Integer::sum);
                }
                var after = (Wallet.Open) WalletDecider.replay(history.history(member));
                if (retry) {
                    assertThat(after).as("a retry changes nothing").isEqualTo(before);
                }
                noBalanceBelowZero(after);
            }
        }

        WalletCommand next(String member, Wallet.Open wallet) {
            String n = Integer.toString(++counter);
            int roll = random.nextInt(100);
            if (wallet.holds().size() >= 3 && random.nextBoolean()) {
                roll = 55 + random.nextInt(18); // calls end: a member has only a few at a time
            }
            if (roll < 12) {
                return new WalletCommand.GrantTokens(member, "g" + n, 1 + random.nextInt(80), "promo",
                        "admin:rebuild", now);
            }
            if (roll < 24) {
                String tx = "tx-" + n;
                purchases.computeIfAbsent(member, ignored -> new ArrayList<>()).add(tx);
                // mostly what the member's version sells (the app shows only that), sometimes anything
                List<String> refs = random.nextInt(4) == 0 ? PRODUCT_REFS : switch (wallet.version()) {
                    case V1_TOKENS -> List.of("tokens_100", "tokens_500");
                    case V3_MOMENTS -> List.of("moments_5", "moments_10");
                    case V2_TIERS -> List.<String>of();
                };
                if (refs.isEmpty()) {
                    Instant occurred = now.minusSeconds(random.nextInt(600));
                    return payment(member, PaymentEventKind.SUBSCRIPTION_STARTED, tx, "sub-" + member,
                            pick(TIER_REFS), occurred, occurred.plus(Duration.ofDays(30)));
                }
                return payment(member, PaymentEventKind.ONE_TIME_PURCHASE, tx, tx, pick(refs),
                        now.minusSeconds(random.nextInt(600)), null);
            }
            if (roll < 27 && purchases.containsKey(member)) {
                String tx = pick(purchases.get(member));
                return payment(member, PaymentEventKind.REFUNDED, tx, tx, pick(PRODUCT_REFS), now, null);
            }
            if (roll < 33) {
                PaymentEventKind kind = pick(List.of(PaymentEventKind.SUBSCRIPTION_STARTED,
                        PaymentEventKind.SUBSCRIPTION_RENEWED, PaymentEventKind.SUBSCRIPTION_CANCELLED,
                        PaymentEventKind.SUBSCRIPTION_EXPIRED));
                Instant occurred = now.minusSeconds(random.nextInt(3600));
                return payment(member, kind, "sub-tx-" + n, "sub-" + member, pick(TIER_REFS), occurred,
                        occurred.plus(Duration.ofDays(1 + random.nextInt(30))));
            }
            if (roll < 47) {
                return new WalletCommand.PlaceHold(member, "h" + n, pick(List.of(CallKind.values())),
                        1 + random.nextInt(600), rates, now);
            }
            if (roll < 57 && !wallet.holds().isEmpty()) {
                return new WalletCommand.ExtendHold(member, anyHold(wallet), "x" + n, 1 + random.nextInt(180), now);
            }
            if (roll < 67 && !wallet.holds().isEmpty()) {
                String holdId = anyHold(wallet);
                long covered = wallet.holds().get(holdId).coveredSeconds();
                long billable = random.nextInt((int) covered + 1); // a call is billed no further than its hold covers
                return new WalletCommand.CaptureHold(member, holdId,
                        CallVerdict.judge(billable + random.nextInt(120), billable), now);
            }
            if (roll < 72 && !wallet.holds().isEmpty()) {
                return new WalletCommand.ReleaseHold(member, anyHold(wallet), now);
            }
            if (roll < 90) {
                return new WalletCommand.ChargeMessage(member, "m" + n, "companion-" + random.nextInt(3),
                        rates.perChatMessage(), now);
            }
            if (roll < 93) {
                MonetizationVersion to = MonetizationVersion.values()[random.nextInt(3)];
                return new WalletCommand.MigrateWallet(member, "mig" + n, to, new ConversionRule("rule-" + to.code(),
                        1 + random.nextInt(20), to == MonetizationVersion.V2_TIERS ? 0 : 1 + random.nextInt(3),
                        600 + random.nextInt(1200), 86_400L * (1 + random.nextInt(30))), "admin:rebuild", now);
            }
            List<WalletCommand> ofMember = carriedOut.stream()
                    .filter(command -> command.memberId().equals(member)).toList();
            if (!ofMember.isEmpty()) {
                return pick(ofMember); // a retry of an earlier movement id: must change nothing
            }
            return new WalletCommand.GrantTokens(member, "g" + n, 1, "promo", "admin:rebuild", now);
        }

        /** A payment fact as the pipeline hands it to the wallet: the catalog's product, deduplicated on its key. */
        WalletCommand payment(String member, PaymentEventKind kind, String transactionId, String original,
                              String productRef, Instant occurredAt, Instant periodEnd) {
            Product product = catalogs.productByProviderId(productRef).orElse(null);
            var facts = new PaymentFacts("adapty", "evt-" + transactionId + "-" + kind, kind, Store.APP_STORE,
                    transactionId, original, productRef, product == null ? 0 : product.priceCents(), "USD",
                    occurredAt, periodEnd);
            return new WalletCommand.ApplyPayment(member, Store.APP_STORE + ":" + transactionId + ":" + kind, facts,
                    product, now);
        }

        String anyHold(Wallet.Open wallet) {
            return pick(wallet.holds().keySet().stream().sorted().toList());
        }

        <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        Set<String> eventTypes() {
            var types = new java.util.HashSet<String>();
            members.forEach(member -> history.history(member)
                    .forEach(event -> types.add(event.getClass().getSimpleName())));
            return types;
        }
    }

    /** No balance, lot, pack or allowance day below zero, and nothing held beyond what is there. */
    static void noBalanceBelowZero(Wallet.Open wallet) {
        assertThat(wallet.grantedTokens()).as("granted tokens").isNotNegative();
        for (TokenLot lot : wallet.lots()) {
            assertThat(lot.remaining()).as("lot %s", lot).isBetween(0L, lot.tokens());
        }
        assertThat(wallet.tokenBalance()).as("token balance").isNotNegative();
        assertThat(wallet.heldTokens()).as("held tokens").isBetween(0L, wallet.tokenBalance());
        for (MomentPack pack : wallet.packs()) {
            assertThat(pack.remaining()).as("pack %s", pack).isBetween(0L, pack.moments());
            assertThat(pack.held()).as("pack %s", pack).isBetween(0L, pack.remaining());
        }
        assertThat(wallet.momentBalance()).as("moment balance").isNotNegative();
        for (AllowanceDay day : wallet.days()) {
            assertThat(day.callSecondsUsed()).as("day %s", day).isNotNegative();
            assertThat(day.callSecondsHeld()).as("day %s", day).isNotNegative();
            assertThat(day.messagesUsed()).as("day %s", day).isNotNegative();
        }
    }
}
