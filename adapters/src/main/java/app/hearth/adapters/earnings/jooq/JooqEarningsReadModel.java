package app.hearth.adapters.earnings.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.EARNINGS_ACCOUNT;
import static app.hearth.adapters.shared.jooq.generated.Tables.EARNINGS_ENTRY;

import app.hearth.adapters.shared.jooq.generated.tables.records.EarningsEntryRecord;
import app.hearth.application.earnings.EarningsReadModel;
import app.hearth.domain.earnings.EntryKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads the earnings read model with jOOQ. */
@Component
public class JooqEarningsReadModel implements EarningsReadModel {

    private final DSLContext sql;

    public JooqEarningsReadModel(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Balance> balance(String companionId) {
        return sql.selectFrom(EARNINGS_ACCOUNT)
                .where(EARNINGS_ACCOUNT.COMPANION_ID.eq(companionId))
                .fetchOptional(row -> new Balance(row.getCompanionId(), row.getBalance(), row.getLifetimeEarned(),
                        row.getLifetimePenalties(), row.getEntryCount(), row.getLastHash(),
                        row.getUpdatedAt().toInstant()));
    }

    @Override
    public List<Entry> entries(String companionId, EntryQuery query) {
        var conditions = new ArrayList<Condition>();
        conditions.add(EARNINGS_ENTRY.COMPANION_ID.eq(companionId));
        if (!query.kinds().isEmpty()) {
            conditions.add(EARNINGS_ENTRY.KIND.in(query.kinds().stream().map(EntryKind::name).toList()));
        }
        if (query.from() != null) {
            conditions.add(EARNINGS_ENTRY.OCCURRED_AT.ge(query.from().atOffset(ZoneOffset.UTC)));
        }
        if (query.to() != null) {
            conditions.add(EARNINGS_ENTRY.OCCURRED_AT.lt(query.to().atOffset(ZoneOffset.UTC)));
        }
        if (query.beforePosition() != null) {
            conditions.add(EARNINGS_ENTRY.POSITION.lt(query.beforePosition()));
        }
        return sql.selectFrom(EARNINGS_ENTRY)
                .where(conditions)
                .orderBy(EARNINGS_ENTRY.POSITION.desc())
                .limit(query.limit())
                .fetch(JooqEarningsReadModel::toEntry);
    }

    @Override
    public List<Entry> allEntries(String companionId) {
        return sql.selectFrom(EARNINGS_ENTRY)
                .where(EARNINGS_ENTRY.COMPANION_ID.eq(companionId))
                .orderBy(EARNINGS_ENTRY.POSITION.asc())
                .fetch(JooqEarningsReadModel::toEntry);
    }

    @Override
    public List<String> companionIds() {
        return sql.select(EARNINGS_ACCOUNT.COMPANION_ID).from(EARNINGS_ACCOUNT)
                .orderBy(EARNINGS_ACCOUNT.COMPANION_ID)
                .fetch(EARNINGS_ACCOUNT.COMPANION_ID);
    }

    /** Two queries for the whole batch: its balances, then its entries by account and position. */
    @Override
    public Map<String, AuditedAccount> auditedAccounts(Collection<String> companionIds) {
        var balances = new HashMap<String, Balance>();
        sql.selectFrom(EARNINGS_ACCOUNT)
                .where(EARNINGS_ACCOUNT.COMPANION_ID.in(companionIds))
                .forEach(row -> balances.put(row.getCompanionId(), new Balance(row.getCompanionId(), row.getBalance(),
                        row.getLifetimeEarned(), row.getLifetimePenalties(), row.getEntryCount(), row.getLastHash(),
                        row.getUpdatedAt().toInstant())));
        var entries = new HashMap<String, List<Entry>>();
        sql.selectFrom(EARNINGS_ENTRY)
                .where(EARNINGS_ENTRY.COMPANION_ID.in(companionIds))
                .orderBy(EARNINGS_ENTRY.COMPANION_ID, EARNINGS_ENTRY.POSITION)
                .forEach(row -> entries.computeIfAbsent(row.getCompanionId(), id -> new ArrayList<>())
                        .add(toEntry(row)));
        var accounts = new HashMap<String, AuditedAccount>();
        for (String companionId : companionIds) {
            accounts.put(companionId, new AuditedAccount(Optional.ofNullable(balances.get(companionId)),
                    entries.getOrDefault(companionId, List.of())));
        }
        return accounts;
    }

    private static Entry toEntry(EarningsEntryRecord row) {
        return new Entry(row.getEntryId(), row.getPosition(), EntryKind.valueOf(row.getKind()), row.getCoins(),
                row.getBalanceAfter(), row.getReason(), row.getReference(), row.getActor(), row.getRuleVersion(),
                row.getMultiplierBasisPoints(), row.getOccurredAt().toInstant(), row.getPreviousHash(),
                row.getHash());
    }
}
