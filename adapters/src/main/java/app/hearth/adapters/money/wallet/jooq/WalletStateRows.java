package app.hearth.adapters.money.wallet.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_ALLOWANCE_DAY;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_HOLD;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_MOMENT_PACK;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_SUBSCRIPTION;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_TOKEN_LOT;

import app.hearth.adapters.shared.jooq.generated.tables.records.WalletAllowanceDayRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.WalletHoldRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.WalletMomentPackRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.WalletSubscriptionRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.WalletTokenLotRecord;
import app.hearth.application.money.wallet.WalletReadModel.StoredWallet;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.AllowanceDay;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.HeldMoment;
import app.hearth.domain.money.wallet.Hold;
import app.hearth.domain.money.wallet.MeterUnit;
import app.hearth.domain.money.wallet.MomentPack;
import app.hearth.domain.money.wallet.Subscription;
import app.hearth.domain.money.wallet.SubscriptionStatus;
import app.hearth.domain.money.wallet.TierGrant;
import app.hearth.domain.money.wallet.TokenLot;
import app.hearth.domain.money.wallet.VersionPart;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.shared.IdempotencyIndex;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * Wallets in their stored shape ({@link Wallet.Open#asStored}, ADR 0048) as rows: {@code wallet} (zone, pending zone,
 * granted tokens, counts, the last aggregate sequence applied) and one table per collection of the state. Mapping
 * only: no rule here; the fold is the domain's ({@code WalletDecider.evolveStored}), the view too ({@code WalletView}).
 * The tiers' rows are the V2 part on V2 and the kept tiers on another version, as the state never holds both.
 */
final class WalletStateRows {

    private WalletStateRows() {
    }

    /** The stored wallets of {@code memberIds} that have a row; locked for the transaction when {@code forUpdate}. */
    static Map<String, StoredWallet> load(DSLContext sql, Collection<String> memberIds, boolean forUpdate) {
        var select = sql.selectFrom(WALLET).where(WALLET.MEMBER_ID.in(memberIds));
        var wallets = (forUpdate ? select.forUpdate() : select).fetch();
        if (wallets.isEmpty()) {
            return Map.of();
        }
        List<String> found = wallets.map(row -> row.getMemberId());
        Map<String, List<WalletTokenLotRecord>> lots = children(sql, WALLET_TOKEN_LOT, WALLET_TOKEN_LOT.MEMBER_ID,
                found, WALLET_TOKEN_LOT.LIST_POSITION);
        Map<String, List<WalletMomentPackRecord>> packs = children(sql, WALLET_MOMENT_PACK,
                WALLET_MOMENT_PACK.MEMBER_ID, found, WALLET_MOMENT_PACK.LIST_POSITION);
        Map<String, List<WalletSubscriptionRecord>> subscriptions = children(sql, WALLET_SUBSCRIPTION,
                WALLET_SUBSCRIPTION.MEMBER_ID, found, WALLET_SUBSCRIPTION.SUBSCRIPTION_KEY);
        Map<String, List<WalletAllowanceDayRecord>> days = children(sql, WALLET_ALLOWANCE_DAY,
                WALLET_ALLOWANCE_DAY.MEMBER_ID, found, WALLET_ALLOWANCE_DAY.NUMBER);
        Map<String, List<WalletHoldRecord>> holds = children(sql, WALLET_HOLD, WALLET_HOLD.MEMBER_ID, found,
                WALLET_HOLD.HOLD_ID);
        var stored = new LinkedHashMap<String, StoredWallet>();
        for (var row : wallets) {
            String member = row.getMemberId();
            if (row.getLastSequence() < 0) {
                stored.put(member, new StoredWallet(null, row.getLastSequence()));
                continue;
            }
            MonetizationVersion version = MonetizationVersion.valueOf(row.getVersion());
            var tiers = new VersionPart.Tiers(
                    map(subscriptions.get(member), WalletStateRows::subscription, Subscription::key),
                    list(days.get(member), WalletStateRows::day), row.getDayCount());
            VersionPart part = switch (version) {
                case V1_TOKENS -> new VersionPart.Tokens(row.getGrantedTokens(),
                        list(lots.get(member), WalletStateRows::lot));
                case V2_TIERS -> tiers;
                case V3_MOMENTS -> new VersionPart.Moments(list(packs.get(member), WalletStateRows::pack), Map.of());
            };
            VersionPart.Tiers kept = version == MonetizationVersion.V2_TIERS
                    ? (VersionPart.Tiers) VersionPart.empty(MonetizationVersion.V2_TIERS) : tiers;
            var state = new Wallet.Open(member, row.getZone(), row.getPendingZone(), part, kept,
                    map(holds.get(member), WalletStateRows::hold, Hold::holdId), Set.of(), row.getMovementCount(),
                    row.getPurchaseCount(), IdempotencyIndex.none(Wallet.Open.REMEMBERED_MOVEMENTS));
            stored.put(member, new StoredWallet(state, row.getLastSequence()));
        }
        return stored;
    }

    /**
     * Writes {@code after} over {@code before} (null before the first event), at sequence {@code sequence}: the
     * wallet's row, and each collection that changed, replaced whole (they hold a few rows each).
     */
    static void write(DSLContext sql, List<Change> changes) {
        for (Change change : changes) {
            Wallet.Open after = change.after();
            sql.update(WALLET)
                    .set(WALLET.LAST_SEQUENCE, change.sequence())
                    .set(WALLET.VERSION, after.version().name())
                    .set(WALLET.ZONE, after.zone())
                    .set(WALLET.PENDING_ZONE, after.pendingZone())
                    .set(WALLET.GRANTED_TOKENS, after.grantedTokens())
                    .set(WALLET.PURCHASE_COUNT, after.purchaseCount())
                    .set(WALLET.DAY_COUNT, tiersOf(after).dayCount())
                    .where(WALLET.MEMBER_ID.eq(after.memberId()))
                    .execute();
        }
        replace(sql, changes, WALLET_TOKEN_LOT, WALLET_TOKEN_LOT.MEMBER_ID, Wallet.Open::lots,
                (member, lots) -> {
                    var rows = new ArrayList<WalletTokenLotRecord>();
                    for (int i = 0; i < lots.size(); i++) {
                        TokenLot lot = lots.get(i);
                        rows.add(new WalletTokenLotRecord(member, i, lot.key(), lot.productId(), lot.tokens(),
                                lot.remaining()));
                    }
                    return rows;
                });
        replace(sql, changes, WALLET_MOMENT_PACK, WALLET_MOMENT_PACK.MEMBER_ID, Wallet.Open::packs,
                (member, packs) -> {
                    var rows = new ArrayList<WalletMomentPackRecord>();
                    for (int i = 0; i < packs.size(); i++) {
                        MomentPack pack = packs.get(i);
                        rows.add(new WalletMomentPackRecord(member, i, pack.key(), pack.productId(), pack.moments(),
                                pack.remaining(), pack.held(), pack.momentSeconds(), at(pack.expiresAt()),
                                pack.order()));
                    }
                    return rows;
                });
        replace(sql, changes, WALLET_SUBSCRIPTION, WALLET_SUBSCRIPTION.MEMBER_ID,
                wallet -> tiersOf(wallet).subscriptions().values().stream()
                        .sorted(Comparator.comparing(Subscription::key)).toList(),
                (member, subscriptions) -> subscriptions.stream().map(s -> subscriptionRow(member, s)).toList());
        replace(sql, changes, WALLET_ALLOWANCE_DAY, WALLET_ALLOWANCE_DAY.MEMBER_ID,
                wallet -> tiersOf(wallet).days(),
                (member, days) -> days.stream().map(day -> new WalletAllowanceDayRecord(member, day.number(),
                        day.zone(), day.date(), at(day.startsAt()), at(day.endsAt()), day.callSecondsUsed(),
                        day.callSecondsHeld(), day.messagesUsed())).toList());
        replace(sql, changes, WALLET_HOLD, WALLET_HOLD.MEMBER_ID, wallet -> wallet.holds().values().stream()
                        .sorted(Comparator.comparing(Hold::holdId)).toList(),
                (member, holds) -> holds.stream().map(hold -> new WalletHoldRecord(member, hold.holdId(),
                        hold.kind().name(), hold.version().name(), hold.unit().name(), hold.requestedSeconds(),
                        hold.held(), hold.coveredSeconds(), hold.ratePerMinute(), hold.dayNumber(),
                        hold.moments().stream().map(HeldMoment::packKey).toArray(String[]::new),
                        hold.moments().stream().map(HeldMoment::lengthSeconds).toArray(Long[]::new),
                        at(hold.placedAt()))).toList());
    }

    /** One wallet moved from {@code before} (null when it had no state yet) to {@code after}, at {@code sequence}. */
    record Change(Wallet.Open before, Wallet.Open after, long sequence) {
    }

    /** The tiers a wallet keeps: its V2 part, or the part it kept from V2 when on another version. */
    private static VersionPart.Tiers tiersOf(Wallet.Open wallet) {
        return wallet.part() instanceof VersionPart.Tiers tiers ? tiers : wallet.keptTiers();
    }

    private interface Rows<T, R> {
        List<R> of(String memberId, List<T> items);
    }

    private static <T, R extends TableRecord<R>> void replace(DSLContext sql, List<Change> changes, Table<R> table,
                                                              TableField<R, String> member,
                                                              Function<Wallet.Open, List<T>> items,
                                                              Rows<T, R> rows) {
        var changed = new ArrayList<String>();
        var inserts = new ArrayList<R>();
        for (Change change : changes) {
            List<T> after = items.apply(change.after());
            List<T> before = change.before() == null ? List.of() : items.apply(change.before());
            if (!Objects.equals(new ArrayList<>(before), new ArrayList<>(after))) {
                changed.add(change.after().memberId());
                inserts.addAll(rows.of(change.after().memberId(), after));
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        sql.deleteFrom(table).where(member.in(changed)).execute();
        if (!inserts.isEmpty()) {
            sql.batchInsert(inserts).execute();
        }
    }

    private static <R extends Record> Map<String, List<R>> children(DSLContext sql, Table<R> table,
                                                                     TableField<R, String> member,
                                                                     Collection<String> memberIds,
                                                                     org.jooq.Field<?> order) {
        var byMember = new HashMap<String, List<R>>();
        sql.selectFrom(table).where(member.in(memberIds)).orderBy(member, order)
                .forEach(row -> byMember.computeIfAbsent(row.get(member), key -> new ArrayList<>()).add(row));
        return byMember;
    }

    private static <R, T> List<T> list(List<R> rows, Function<R, T> map) {
        return rows == null ? List.of() : rows.stream().map(map).toList();
    }

    private static <R, T> Map<String, T> map(List<R> rows, Function<R, T> map, Function<T, String> key) {
        var result = new LinkedHashMap<String, T>();
        list(rows, map).forEach(item -> result.put(key.apply(item), item));
        return result;
    }

    private static TokenLot lot(WalletTokenLotRecord row) {
        return new TokenLot(row.getLotKey(), row.getProductId(), row.getTokens(), row.getRemaining());
    }

    private static MomentPack pack(WalletMomentPackRecord row) {
        return new MomentPack(row.getPackKey(), row.getProductId(), row.getMoments(), row.getRemaining(),
                row.getHeld(), row.getMomentSeconds(), instant(row.getExpiresAt()), row.getPurchaseOrder());
    }

    private static AllowanceDay day(WalletAllowanceDayRecord row) {
        return new AllowanceDay(row.getNumber(), row.getZone(), row.getLocalDate(), instant(row.getStartsAt()),
                instant(row.getEndsAt()), row.getCallSecondsUsed(), row.getCallSecondsHeld(), row.getMessagesUsed());
    }

    private static Hold hold(WalletHoldRecord row) {
        var moments = new ArrayList<HeldMoment>();
        for (int i = 0; i < row.getMomentPackKeys().length; i++) {
            moments.add(new HeldMoment(row.getMomentPackKeys()[i], row.getMomentSeconds()[i]));
        }
        return new Hold(row.getHoldId(), CallKind.valueOf(row.getKind()),
                MonetizationVersion.valueOf(row.getVersion()), MeterUnit.valueOf(row.getUnit()),
                row.getRequestedSeconds(), row.getHeld(), row.getCoveredSeconds(), row.getRatePerMinute(),
                row.getDayNumber(), moments, instant(row.getPlacedAt()));
    }

    private static Subscription subscription(WalletSubscriptionRecord row) {
        TierGrant tier = new TierGrant(row.getTierProductId(), row.getTierName(), row.getTierRank(),
                row.getTierDailyCallSeconds(), row.getTierDailyMessages());
        TierGrant pending = row.getPendingProductId() == null ? null : new TierGrant(row.getPendingProductId(),
                row.getPendingName(), row.getPendingRank(), row.getPendingDailyCallSeconds(),
                row.getPendingDailyMessages());
        return new Subscription(row.getSubscriptionKey(), tier, pending, instant(row.getPendingFrom()),
                SubscriptionStatus.valueOf(row.getStatus()), instant(row.getPeriodEnd()),
                instant(row.getNewestProviderTime()));
    }

    private static WalletSubscriptionRecord subscriptionRow(String member, Subscription s) {
        TierGrant pending = s.pendingTier();
        return new WalletSubscriptionRecord(member, s.key(), s.tier().productId(), s.tier().name(), s.tier().rank(),
                s.tier().dailyCallSeconds(), s.tier().dailyMessages(),
                pending == null ? null : pending.productId(), pending == null ? null : pending.name(),
                pending == null ? null : pending.rank(), pending == null ? null : pending.dailyCallSeconds(),
                pending == null ? null : pending.dailyMessages(), at(s.pendingFrom()), s.status().name(),
                at(s.periodEnd()), at(s.newestProviderTime()));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
