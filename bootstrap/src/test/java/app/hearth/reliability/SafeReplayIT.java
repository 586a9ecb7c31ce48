package app.hearth.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.access.jooq.LedgerStaffActionsProjection;
import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.HearthNode;
import app.hearth.support.Projections;
import app.hearth.support.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reliability test #10, second part: replaying 10,000 events makes no external call and leaves the projections
 * unchanged. The test appends 10,000 events through the command path (earnings corrections, which the earnings read
 * model and the staff audit trail project, and wallet grants, which the wallet read model projects and a
 * {@code @DisallowReplay} handler in the same processing group reports to a provider, a WireMock). Then every
 * projection processor's tokens are reset and the whole event store is replayed: the provider gets no further call,
 * and every read-model table holds exactly the rows it held before (compared row by row, as text). The node runs on
 * a database of its own: a reset needs every segment, and no other application context of the run may hold one.
 */
class SafeReplayIT {

    static final int ACCOUNTS = 30;
    static final int CORRECTIONS_PER_ACCOUNT = 300;
    static final int MEMBERS = 20;
    static final int GRANTS_PER_MEMBER = 50;
    static final List<String> PROCESSORS = List.of(WalletProjection.PROCESSING_GROUP,
            EarningsProjection.PROCESSING_GROUP, LedgerStaffActionsProjection.PROCESSING_GROUP);
    /** Each read-model table, its rows as text in a stable order. */
    static final Map<String, String> TABLES = Map.of(
            "wallet", "member_id", "wallet_movement", "member_id, position",
            "earnings_account", "companion_id", "earnings_entry", "companion_id, position",
            "staff_action", "position", "wallet_token_lot", "member_id, list_position",
            "wallet_moment_pack", "member_id, list_position", "wallet_subscription", "member_id, subscription_key",
            "wallet_allowance_day", "member_id, number", "wallet_hold", "member_id, hold_id");

    static final String DATABASE = TestDatabase.another("replay");

    JdbcTemplate jdbc;
    EarningsLedger earnings;
    WalletCommandBus wallets;
    EventProcessingConfiguration processing;

    @Test
    void replayingTenThousandEventsMakesNoExternalCallAndLeavesTheProjectionsUnchanged() throws Exception {
        try (var node = HearthNode.on(DATABASE).start()) {
            jdbc = node.bean(JdbcTemplate.class);
            earnings = node.bean(EarningsLedger.class);
            wallets = node.bean(WalletCommandBus.class);
            processing = node.bean(EventProcessingConfiguration.class);
            replayWithAProviderWatching();
        }
    }

    private void replayWithAProviderWatching() throws Exception {
        var provider = new WireMockServer(options().dynamicPort());
        provider.start();
        provider.stubFor(post("/push").willReturn(ok()));
        ProviderCallingHandler.provider = URI.create(provider.baseUrl() + "/push");
        try {
            String run = UUID.randomUUID().toString().substring(0, 8);
            long appended = appendTenThousandEvents(run);
            assertThat(appended).isGreaterThanOrEqualTo(10_000);
            PROCESSORS.forEach(processor -> Projections.awaitCaughtUp(jdbc, processor));
            int calls = providerCalls(provider);
            assertThat(calls).as("the handler calls the provider for every grant as events arrive")
                    .isGreaterThanOrEqualTo(MEMBERS * GRANTS_PER_MEMBER);
            Map<String, String> before = readModels();
            long events = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);

            long started = System.nanoTime();
            for (String name : PROCESSORS) {
                TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class)
                        .orElseThrow();
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> PROCESSORS.stream().allMatch(this::replayedToTheHead));
            System.out.printf("SafeReplayIT: replayed %d events through %d processors in %.1f s%n", events,
                    PROCESSORS.size(), (System.nanoTime() - started) / 1e9);

            assertThat(providerCalls(provider)).as("calls to the provider during the replay").isEqualTo(calls);
            Map<String, String> after = readModels();
            TABLES.keySet().forEach(table -> assertThat(after.get(table)).as("%s after the replay", table)
                    .isEqualTo(before.get(table)));
        } finally {
            ProviderCallingHandler.provider = null;
            provider.stop();
        }
    }

    /** 9,000 corrections over 30 earnings accounts and 1,000 grants over 20 wallets, by 16 clients at once. */
    private long appendTenThousandEvents(String run) throws Exception {
        long before = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        Actor admin = new Actor("replay-admin", Role.ADMIN);
        Instant t = Instant.parse("2026-11-25T14:00:00Z");
        var tasks = new ArrayList<Callable<Void>>();
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = "replay-" + run + "-" + a;
            tasks.add(() -> {
                earnings.open(admin, account);
                for (int i = 0; i < CORRECTIONS_PER_ACCOUNT; i++) {
                    earnings.correct(admin, account, "c" + i, 1 + i % 7, "replay test " + i);
                }
                return null;
            });
        }
        for (int m = 0; m < MEMBERS; m++) {
            String member = ProviderCallingHandler.MARK + run + "-" + m;
            tasks.add(() -> {
                wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", t));
                for (int i = 0; i < GRANTS_PER_MEMBER; i++) {
                    wallets.send(new WalletCommand.GrantTokens(member, "g" + i, 1 + i % 3, "replay test", "admin:t",
                            t.plusSeconds(i)));
                }
                return null;
            });
        }
        try (var clients = Executors.newFixedThreadPool(16, Thread.ofVirtual().factory())) {
            for (Future<Void> done : clients.invokeAll(tasks)) {
                done.get();
            }
        }
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class) - before;
    }

    /**
     * Whether the processor is running and its replay has reached the head of the event store. Axon keeps marking
     * the token as a replay token until an event beyond the reset point arrives; its position is what counts.
     */
    private boolean replayedToTheHead(String name) {
        TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
        assertThat(processor.isError()).as("%s stopped on an error", name).isFalse();
        return processor.isRunning() && !processor.processingStatus().isEmpty() && Projections.caughtUp(jdbc, name);
    }

    private Map<String, String> readModels() {
        var contents = new LinkedHashMap<String, String>();
        TABLES.forEach((table, order) -> contents.put(table, jdbc.queryForObject("select count(*) || ' rows, md5 '"
                + " || coalesce(md5(string_agg(t::text, E'\\n' order by " + order + ")), '-') from " + table + " t",
                String.class)));
        return contents;
    }

    private static int providerCalls(WireMockServer provider) {
        return provider.countRequestsMatching(postRequestedFor(urlEqualTo("/push")).build()).getCount();
    }
}
