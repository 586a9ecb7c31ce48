package app.hearth.adapters.money.wallet.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_ALLOWANCE_DAY;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_HOLD;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_MOMENT_PACK;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_MOVEMENT;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_SUBSCRIPTION;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_TOKEN_LOT;

import app.hearth.adapters.shared.jooq.BatchWrites;
import app.hearth.adapters.shared.jooq.generated.tables.records.WalletMovementRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.WalletRecord;
import app.hearth.application.money.wallet.WalletReadModel.StoredWallet;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.MeterUnit;
import app.hearth.domain.money.wallet.Movement;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent.WalletMigrated;
import app.hearth.domain.money.wallet.WalletEvent.WalletOpened;
import app.hearth.domain.money.wallet.WalletEvent;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code wallet} and {@code wallet_movement}, and each wallet's stored state (ADR 0048: zone, lots, packs,
 * subscriptions, allowance days, holds) that {@code GET /me/wallet} reads. Runs in the processor's transaction, so
 * rows and the tracking token commit together. Every write is idempotent: a movement lands once, a wallet's balances
 * move only from the position just before the batch's first movement of it, and its state only from the aggregate
 * sequence it was last folded to, so a redelivered event changes nothing.
 */
@Component
@ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class WalletProjection {

    public static final String PROCESSING_GROUP = "wallet-read-model";

    private final DSLContext sql;

    public WalletProjection(DSLContext sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(WalletEvent event, EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain)) {
            throw new IllegalStateException("a wallet event without its aggregate sequence: " + message);
        }
        PendingWrites writes = pendingWrites();
        writes.states.computeIfAbsent(event.memberId(), member -> new ArrayList<>())
                .add(new Sequenced(event, domain.getSequenceNumber()));
        if (event instanceof WalletOpened opened) {
            writes.opened.add(opened);
        } else if (!event.movements().isEmpty()) {
            writes.moved.add(event);
        }
    }

    /** The writes of the current batch, flushed together just before it commits (with the token). */
    private PendingWrites pendingWrites() {
        return BatchWrites.of(PendingWrites.class, PendingWrites::new, writes -> writes.flush(sql));
    }

    /** One event and its aggregate sequence number. */
    record Sequenced(WalletEvent event, long sequence) {
    }

    /** Rows collected from one batch of events. */
    static final class PendingWrites {

        final List<WalletOpened> opened = new ArrayList<>();
        final List<WalletEvent> moved = new ArrayList<>();
        /** Every event of the batch, by wallet, in order: the stored state's fold. */
        final Map<String, List<Sequenced>> states = new LinkedHashMap<>();

        void flush(DSLContext sql) {
            if (!opened.isEmpty()) {
                InsertSetMoreStep<WalletRecord> insert = null;
                for (WalletOpened event : opened) {
                    insert = (insert == null ? sql.insertInto(WALLET) : insert.newRecord())
                            .set(WALLET.MEMBER_ID, event.memberId())
                            .set(WALLET.VERSION, event.version().name())
                            .set(WALLET.TOKEN_BALANCE, 0L)
                            .set(WALLET.MOMENT_BALANCE, 0L)
                            .set(WALLET.MOVEMENT_COUNT, 0L)
                            .set(WALLET.OPENED_AT, event.at().atOffset(ZoneOffset.UTC))
                            .set(WALLET.UPDATED_AT, event.at().atOffset(ZoneOffset.UTC));
                }
                insert.onConflictDoNothing().execute();
            }
            if (!moved.isEmpty()) {
                insertMovements(sql);
                moveWallets(sql);
            }
            foldStates(sql);
        }

        /**
         * Folds each wallet's stored state (ADR 0048) with the domain's own {@code evolveStored}, from the row's
         * {@code last_sequence} on: an event at or below it was applied before and changes nothing; a gap means an
         * event was skipped, and fails (the event is parked, its wallet's later events queue behind it).
         */
        private void foldStates(DSLContext sql) {
            Map<String, StoredWallet> rows = WalletStateRows.load(sql, states.keySet(), true);
            var changes = new ArrayList<WalletStateRows.Change>();
            states.forEach((memberId, events) -> {
                StoredWallet row = rows.get(memberId);
                if (row == null) {
                    throw new IllegalStateException("wallet " + memberId + " has no read-model row for "
                            + events.getFirst().event().getClass().getSimpleName()
                            + ": its WalletOpened was never projected");
                }
                Wallet.Open before = row.state();
                Wallet state = before == null ? WalletDecider.initialState() : before;
                long last = row.sequence();
                for (Sequenced sequenced : events) {
                    if (sequenced.sequence() <= last) {
                        continue;
                    }
                    if (sequenced.sequence() != last + 1) {
                        throw new IllegalStateException("wallet read model of " + memberId + " is at sequence "
                                + last + " and cannot take event " + sequenced.sequence() + " out of order");
                    }
                    state = WalletDecider.evolveStored(state, sequenced.event());
                    last = sequenced.sequence();
                }
                if (last != row.sequence()) {
                    changes.add(new WalletStateRows.Change(before, (Wallet.Open) state, last));
                }
            });
            WalletStateRows.write(sql, changes);
        }

        private void insertMovements(DSLContext sql) {
            InsertSetMoreStep<WalletMovementRecord> insert = null;
            for (WalletEvent event : moved) {
                for (Movement movement : event.movements()) {
                    insert = (insert == null ? sql.insertInto(WALLET_MOVEMENT) : insert.newRecord())
                            .set(WALLET_MOVEMENT.MEMBER_ID, event.memberId())
                            .set(WALLET_MOVEMENT.POSITION, movement.position())
                            .set(WALLET_MOVEMENT.MOVEMENT_ID, movement.movementId())
                            .set(WALLET_MOVEMENT.KIND, movement.kind().name())
                            .set(WALLET_MOVEMENT.UNIT, movement.unit().name())
                            .set(WALLET_MOVEMENT.AMOUNT, movement.amount())
                            .set(WALLET_MOVEMENT.BALANCE_AFTER, movement.balanceAfter())
                            .set(WALLET_MOVEMENT.REFERENCE, movement.reference())
                            .set(WALLET_MOVEMENT.OCCURRED_AT, movement.at().atOffset(ZoneOffset.UTC));
                }
            }
            insert.onConflictDoNothing().execute();
        }

        /** Moves each wallet from the position just before its first movement of the batch to its last one. */
        private void moveWallets(DSLContext sql) {
            var moves = new LinkedHashMap<String, WalletMove>();
            for (WalletEvent event : moved) {
                WalletMove move = moves.computeIfAbsent(event.memberId(), WalletMove::new);
                event.movements().forEach(move::add);
                if (event instanceof WalletMigrated migrated) {
                    move.version = migrated.to();
                }
            }
            for (WalletMove move : moves.values()) {
                var update = sql.update(WALLET)
                        .set(WALLET.MOVEMENT_COUNT, move.last.position())
                        .set(WALLET.UPDATED_AT, move.last.at().atOffset(ZoneOffset.UTC));
                if (move.tokens != null) {
                    update = update.set(WALLET.TOKEN_BALANCE, move.tokens);
                }
                if (move.moments != null) {
                    update = update.set(WALLET.MOMENT_BALANCE, move.moments);
                }
                if (move.version != null) {
                    update = update.set(WALLET.VERSION, move.version.name());
                }
                int moved = update.where(WALLET.MEMBER_ID.eq(move.memberId))
                        .and(WALLET.MOVEMENT_COUNT.eq(move.firstPosition - 1))
                        .execute();
                if (moved == 0) {
                    Long count = sql.select(WALLET.MOVEMENT_COUNT).from(WALLET)
                            .where(WALLET.MEMBER_ID.eq(move.memberId)).fetchOne(WALLET.MOVEMENT_COUNT);
                    if (count == null || count < move.last.position()) {
                        throw new IllegalStateException("wallet read model of " + move.memberId + " is at movement "
                                + count + " and cannot take movements " + move.firstPosition + ".."
                                + move.last.position() + " out of order");
                    }
                }
            }
        }
    }

    /** The movements of one wallet within a batch: consecutive positions, in order. */
    private static final class WalletMove {
        final String memberId;
        long firstPosition = -1;
        Movement last;
        Long tokens;
        Long moments;
        MonetizationVersion version;

        WalletMove(String memberId) {
            this.memberId = memberId;
        }

        void add(Movement movement) {
            if (firstPosition < 0) {
                firstPosition = movement.position();
            } else if (movement.position() != last.position() + 1) {
                throw new IllegalStateException("movements of " + memberId + " arrived out of order: "
                        + last.position() + " then " + movement.position());
            }
            last = movement;
            if (movement.unit() == MeterUnit.TOKENS) {
                tokens = movement.balanceAfter();
            } else if (movement.unit() == MeterUnit.MOMENTS) {
                moments = movement.balanceAfter();
            }
        }
    }

    @ResetHandler
    void reset() {
        sql.deleteFrom(WALLET_HOLD).execute();
        sql.deleteFrom(WALLET_ALLOWANCE_DAY).execute();
        sql.deleteFrom(WALLET_SUBSCRIPTION).execute();
        sql.deleteFrom(WALLET_MOMENT_PACK).execute();
        sql.deleteFrom(WALLET_TOKEN_LOT).execute();
        sql.deleteFrom(WALLET_MOVEMENT).execute();
        sql.deleteFrom(WALLET).execute();
    }
}
