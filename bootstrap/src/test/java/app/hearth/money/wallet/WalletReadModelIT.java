package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.PaymentApplication.Outcome;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.application.money.wallet.WalletReadModel;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletView;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/me/wallet} reads the read model, not the event store (ADR 0048): for a V1, a V2 and a V3 wallet
 * after purchases, grants, charged messages, captured and open holds, the response (and the use case's view) equals
 * the view of the wallet folded from its events, at the response's own instant, and the read model keeps the fold's
 * stored shape; reading a wallet scans no table of the event store or its snapshots (PostgreSQL's own statistics of
 * the reading transaction); and a member reads their own write at once, because the read waits
 * for the projection to reach what this node committed, even when the projection is held back for a while.
 */
class WalletReadModelIT extends IntegrationTest {

    static final Actor ADMIN = new Actor("wallet-read-admin", Role.ADMIN);

    @Autowired
    Wallets wallets;
    @Autowired
    Metering metering;
    @Autowired
    PaymentApplication payments;
    @Autowired
    WalletHistory history;
    @Autowired
    WalletReadModel readModel;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    PlatformTransactionManager transactionManager;

    static String member(String version) {
        return "wallet-read-" + version + "-" + UUID.randomUUID();
    }

    @Test
    void theResponseIsTheViewOfTheWalletFoldedFromItsEventsForEveryVersion() {
        // the application's clock ticks in microseconds, as the read model's timestamps keep them
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String v1 = member("v1");
        wallets.grant(ADMIN, v1, "welcome", 40, "welcome");
        assertThat(payments.apply(v1, WalletIT.event("evt-" + v1, PaymentEventKind.ONE_TIME_PURCHASE,
                Store.APP_STORE, "tx-" + v1, "tx-" + v1, "tokens_100", now, null, v1)).outcome())
                .isEqualTo(Outcome.APPLIED);
        metering.placeHold(v1, "v1-call-1", CallKind.AUDIO, 120, now);
        metering.captureHold(v1, "v1-call-1", CallVerdict.judge(115, 115), now.plusSeconds(115));
        metering.chargeMessage(v1, "v1-msg-1", "companion-1", now.plusSeconds(130));
        metering.placeHold(v1, "v1-call-2", CallKind.VIDEO, 120, now.plusSeconds(140));
        metering.extendHold(v1, "v1-call-2", "v1-call-2-m1", 60, now.plusSeconds(200));

        String v2 = member("v2");
        wallets.migrate(ADMIN, v2, "to-v2", MonetizationVersion.V2_TIERS, new ConversionRule("v1-to-v2", 1, 0, 0, 0),
                false);
        assertThat(payments.apply(v2, WalletIT.event("evt-" + v2, PaymentEventKind.SUBSCRIPTION_STARTED,
                Store.PLAY_STORE, "GPA." + v2, "GPA." + v2, "onemonth_no_trial", now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)), v2)).outcome()).isEqualTo(Outcome.APPLIED);
        metering.chargeMessage(v2, "v2-msg-1", "companion-1", now);
        metering.chargeMessage(v2, "v2-msg-2", "companion-1", now.plusSeconds(1));
        metering.placeHold(v2, "v2-call-1", CallKind.AUDIO, 120, now.plusSeconds(2));

        String v3 = member("v3");
        wallets.grant(ADMIN, v3, "welcome", 100, "welcome");
        wallets.migrate(ADMIN, v3, "to-v3", MonetizationVersion.V3_MOMENTS,
                new ConversionRule("tokens-to-moments-2026", 50, 1, 1200, 90L * 86_400), false);
        assertThat(payments.apply(v3, WalletIT.event("evt-" + v3, PaymentEventKind.ONE_TIME_PURCHASE,
                Store.APP_STORE, "tx-" + v3, "tx-" + v3, "moments_5", now, null, v3)).outcome())
                .isEqualTo(Outcome.APPLIED);
        metering.chargeMessage(v3, "v3-msg-1", "companion-1", now);
        metering.placeHold(v3, "v3-call-1", CallKind.AUDIO, 120, now.plusSeconds(10));

        for (String member : List.of(v1, v2, v3)) {
            var response = as("member", member).get("/api/v1/me/wallet");
            assertThat(response.status()).isEqualTo(200);
            Instant at = Instant.parse(response.body().get("at").asString());
            var folded = (Wallet.Open) history.current(member);
            assertSameWallet(response.body(), WalletView.of(folded, at));

            WalletView mine = wallets.mine(new Actor(member, Role.MEMBER));
            assertThat(mine).as("the view of %s", member).isEqualTo(WalletView.of(folded, mine.at()));
            var stored = readModel.wallet(member).orElseThrow();
            assertThat(stored.state()).as("the stored state of %s", member).isEqualTo(folded.asStored());
            assertThat(stored.sequence()).isEqualTo(history.history(member).size() - 1);
        }
        // what the versions' views show was exercised, not left empty
        assertThat(wallets.mine(new Actor(v1, Role.MEMBER)).tokens().held()).isPositive();
        assertThat(wallets.mine(new Actor(v2, Role.MEMBER)).tier().messagesLeft()).isEqualTo(18);
        assertThat(wallets.mine(new Actor(v3, Role.MEMBER)).packs()).hasSize(2)
                .anySatisfy(pack -> assertThat(pack.held()).isPositive());
    }

    @Test
    void readingAWalletScansNoTableOfTheEventStore() {
        String ada = member("v1");
        wallets.grant(ADMIN, ada, "welcome", 25, "welcome");
        metering.placeHold(ada, "call-1", CallKind.AUDIO, 60, Instant.now().truncatedTo(ChronoUnit.MICROS));
        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);

        var view = new AtomicReference<WalletView>();
        Map<String, Long> scans = scansIn(() -> view.set(wallets.mine(new Actor(ada, Role.MEMBER))));

        assertThat(view.get().tokens().granted()).isEqualTo(25);
        assertThat(view.get().tokens().held()).isEqualTo(10);
        assertThat(scans).as("tables scanned while reading the wallet").containsEntry("domain_event_entry", 0L)
                .containsEntry("snapshot_event_entry", 0L);
        assertThat(scans.get("wallet")).isPositive();
        assertThat(scans.get("wallet_hold")).isPositive();
        // the measure sees the event store when it is read: the fold of the same wallet
        assertThat(scansIn(() -> history.current(ada)).get("domain_event_entry")).isPositive();
    }

    /**
     * The scans of each wallet and event-store table by {@code work}, run in a transaction of this thread (the read
     * model's queries and Axon's event store join it): PostgreSQL's statistics of the current transaction, after less
     * before (the backend may still hold counts of its earlier transactions that it has not reported yet).
     */
    private Map<String, Long> scansIn(Runnable work) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            Map<String, Long> before = scans();
            work.run();
            var done = new HashMap<String, Long>();
            scans().forEach((table, after) -> done.put(table, after - before.getOrDefault(table, 0L)));
            return done;
        });
    }

    private Map<String, Long> scans() {
        var scans = new HashMap<String, Long>();
        jdbc.query("select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans"
                + " from pg_stat_xact_user_tables where relname in ('domain_event_entry', 'snapshot_event_entry',"
                + " 'wallet', 'wallet_hold')", row -> {
                    scans.put(row.getString("relname"), row.getLong("scans"));
                });
        return scans;
    }

    @Test
    void aMemberReadsTheirOwnWriteEvenWhileTheProjectionIsHeldBack() throws Exception {
        String ada = member("v1");
        wallets.grant(ADMIN, ada, "welcome", 10, "welcome");
        assertThat(as("member", ada).get("/api/v1/me/wallet").body().get("tokens").get("granted").asLong())
                .isEqualTo(10);
        TrackingEventProcessor processor = processing
                .eventProcessor(WalletProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        CompletableFuture<JsonNode> read;
        try {
            wallets.grant(ADMIN, ada, "more", 5, "more");
            read = CompletableFuture.supplyAsync(() -> as("member", ada).get("/api/v1/me/wallet").body());
            Thread.sleep(700);
            assertThat(read).as("the read waits for the projection").isNotDone();
        } finally {
            processor.start();
        }
        assertThat(read.get(10, TimeUnit.SECONDS).get("tokens").get("granted").asLong()).isEqualTo(15);
    }

    /** The response's fields against {@code expected}, the domain's view of the folded wallet at the same instant. */
    static void assertSameWallet(JsonNode body, WalletView expected) {
        assertThat(body.get("version").asString()).isEqualTo(expected.version().code());
        assertThat(body.get("timeZone").asString()).isEqualTo(expected.timeZone());
        if (expected.tokens() == null) {
            assertThat(body.get("tokens").isNull()).isTrue();
        } else {
            JsonNode tokens = body.get("tokens");
            assertThat(List.of(tokens.get("paid").asLong(), tokens.get("granted").asLong(), tokens.get("held").asLong(),
                    tokens.get("spendable").asLong())).containsExactly(expected.tokens().paid(),
                    expected.tokens().granted(), expected.tokens().held(), expected.tokens().spendable());
        }
        if (expected.tier() == null) {
            assertThat(body.get("tier").isNull()).isTrue();
        } else {
            JsonNode tier = body.get("tier");
            WalletView.Tier t = expected.tier();
            assertThat(tier.get("productId").asString()).isEqualTo(t.productId());
            assertThat(tier.get("status").asString()).isEqualTo(t.status().name().toLowerCase(Locale.ROOT));
            assertThat(Instant.parse(tier.get("periodEnd").asString())).isEqualTo(t.periodEnd());
            assertThat(List.of(tier.get("dailyCallSeconds").asLong(), tier.get("dailyMessages").asLong(),
                    tier.get("callSecondsLeft").asLong(), tier.get("messagesLeft").asLong()))
                    .containsExactly(t.dailyCallSeconds(), t.dailyMessages(), t.callSecondsLeft(), t.messagesLeft());
            assertThat(tier.get("day").asString()).isEqualTo(t.day());
            assertThat(Instant.parse(tier.get("resetsAt").asString())).isEqualTo(t.resetsAt());
        }
        if (expected.packs() == null) {
            assertThat(body.get("packs").isNull()).isTrue();
        } else {
            var packs = new ArrayList<String>();
            body.get("packs").forEach(pack -> packs.add(pack.get("packId").asString() + " "
                    + pack.get("productId").asString() + " " + pack.get("momentsLeft").asLong() + " "
                    + pack.get("held").asLong() + " " + pack.get("momentSeconds").asLong() + " "
                    + Instant.parse(pack.get("expiresAt").asString())));
            assertThat(packs).containsExactlyElementsOf(expected.packs().stream().map(pack -> pack.packKey() + " "
                    + pack.productId() + " " + pack.moments() + " " + pack.held() + " " + pack.momentSeconds() + " "
                    + pack.expiresAt()).toList());
        }
    }
}
