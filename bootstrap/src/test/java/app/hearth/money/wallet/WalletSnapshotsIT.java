package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.wallet.axon.WalletAggregate;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.support.IntegrationTest;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * A wallet with a long history stays cheap (ADR 0041): it is snapshotted every {@code hearth.wallet.snapshot-every}
 * (100) events as plain JSON, loads from its last snapshot plus only the events after it, is the same wallet as the
 * full replay, answers a retry of a movement id its memory forgot from the idempotency records, and loads from all its
 * events when its snapshot is of an older shape. The history: one grant and 1,050 chat messages sent in a loop, each
 * its own command and transaction (about ten seconds here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalletSnapshotsIT extends IntegrationTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
    private static final int MESSAGES = 1_050;

    @Autowired
    WalletCommandBus wallets;
    @Autowired
    EventStore eventStore;
    @Autowired
    @Qualifier("walletCache")
    Cache walletCache;

    private final String member = "long-history-" + UUID.randomUUID();
    private final String aggregateId = WalletAggregate.aggregateId(member);

    private static WalletCommand.ChargeMessage message(String member, int number) {
        return new WalletCommand.ChargeMessage(member, "msg-" + number, "companion-1", 1, T.plusSeconds(number));
    }

    @BeforeAll
    void aLongHistory() {
        wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", T));
        wallets.send(new WalletCommand.GrantTokens(member, "welcome", 1_000_000, "long history", "admin:test", T));
        for (int i = 0; i < MESSAGES; i++) {
            wallets.send(message(member, i));
        }
    }

    private long lastSequence() {
        return eventStore.lastSequenceNumberFor(aggregateId).orElseThrow();
    }

    private List<? extends DomainEventMessage<?>> whatALoadReads() {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    private static Wallet stateOf(Object aggregate) throws ReflectiveOperationException {
        Field field = WalletAggregate.class.getDeclaredField("state");
        field.setAccessible(true);
        return (Wallet) field.get(aggregate);
    }

    private Wallet fullReplay() {
        return WalletDecider.replay(eventStore.readEvents(aggregateId, 0).asStream()
                .map(message -> (WalletEvent) message.getPayload()).toList());
    }

    @Test
    @Order(1)
    void aLoadReadsTheLastSnapshotAndOnlyTheEventsAfterItAndGivesTheFullReplaysWallet() throws Exception {
        long last = lastSequence();
        assertThat(last).isEqualTo(MESSAGES + 1);

        List<? extends DomainEventMessage<?>> read = whatALoadReads();
        DomainEventMessage<?> snapshot = read.getFirst();
        assertThat(snapshot.getPayload()).isInstanceOf(WalletAggregate.class);
        long snapshotAt = snapshot.getSequenceNumber();
        assertThat(snapshotAt).as("a snapshot every 100 events").isGreaterThan(last - 100);
        assertThat(read.subList(1, read.size())).as("only the events after the snapshot")
                .hasSize((int) (last - snapshotAt))
                .allSatisfy(event -> assertThat(event.getSequenceNumber()).isGreaterThan(snapshotAt));

        Wallet loaded = stateOf(snapshot.getPayload());
        for (DomainEventMessage<?> event : read.subList(1, read.size())) {
            loaded = WalletDecider.evolve(loaded, (WalletEvent) event.getPayload());
        }
        Wallet replayed = fullReplay();
        assertThat(loaded).isEqualTo(replayed);
        assertThat(((Wallet.Open) replayed).tokenBalance()).isEqualTo(1_000_000 - MESSAGES);
        assertThat(((Wallet.Open) replayed).recorded().entries()).hasSize(Wallet.Open.REMEMBERED_MOVEMENTS);
    }

    @Test
    @Order(2)
    void theSnapshotIsPlainJsonAnAuditorCanRead() {
        String json = jdbc.queryForObject("select convert_from(payload, 'UTF8') from snapshot_event_entry "
                + "where aggregate_identifier = ? order by sequence_number desc limit 1", String.class, aggregateId);

        assertThat(json).contains("\"walletId\":\"" + aggregateId + "\"", "\"status\":\"open\"",
                "\"part\":{\"kind\":\"tokens\",\"granted\":", "\"recorded\":{\"capacity\":256",
                "{\"keys\":[\"message:msg-", "\"record\":{\"sequence\":")
                .doesNotContain("\"message:msg-0\"", "app.hearth");
        assertThat(json.length()).as("bounded: the last 256 movement ids, not all of them").isLessThan(40_000);
    }

    @Test
    @Order(3)
    void aRetryOfAMovementIdTheWalletForgotIsAnsweredOnceFromTheIdempotencyRecords() {
        long before = lastSequence();

        WalletReceipt retry = wallets.send(message(member, 0));

        assertThat(retry.alreadyRecorded()).isTrue();
        assertThat(retry.amount()).isEqualTo(1);
        assertThat(lastSequence()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_record where aggregate_id = ?",
                Integer.class, aggregateId)).as("the grant and every message").isEqualTo(MESSAGES + 1);
        assertThat(jdbc.queryForObject("select recorded from idempotency_record where aggregate_id = ? and "
                + "idempotency_key = 'message:msg-0'", String.class, aggregateId))
                .isEqualTo("{\"sequence\":2,\"kind\":\"message\",\"amount\":1,\"released\":0,\"outcome\":null}");
    }

    @Test
    @Order(4)
    void aSnapshotOfAnOlderShapeIsPassedOverAndTheWalletLoadsFromAllItsEvents() {
        jdbc.update("update snapshot_event_entry set payload_revision = '0', payload = convert_to("
                + "'{\"state\":\"a shape of long ago\"}', 'UTF8') where aggregate_identifier = ?", aggregateId);
        walletCache.removeAll();

        List<? extends DomainEventMessage<?>> read = whatALoadReads();
        assertThat(read.getFirst().getPayload()).isInstanceOf(WalletEvent.WalletOpened.class);
        assertThat(read).hasSize((int) lastSequence() + 1);

        WalletReceipt next = wallets.send(message(member, MESSAGES + 1));
        assertThat(next.alreadyRecorded()).isFalse();
        assertThat(((Wallet.Open) fullReplay()).tokenBalance()).isEqualTo(1_000_000 - MESSAGES - 1);
    }
}
