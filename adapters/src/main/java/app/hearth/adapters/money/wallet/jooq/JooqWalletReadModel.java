package app.hearth.adapters.money.wallet.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET;
import static app.hearth.adapters.shared.jooq.generated.Tables.WALLET_MOVEMENT;

import app.hearth.application.money.wallet.WalletReadModel;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.MeterUnit;
import app.hearth.domain.money.wallet.MovementKind;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads the wallets' read model with jOOQ. */
@Component
public class JooqWalletReadModel implements WalletReadModel {

    private final DSLContext sql;

    public JooqWalletReadModel(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Balance> balance(String memberId) {
        return sql.selectFrom(WALLET).where(WALLET.MEMBER_ID.eq(memberId))
                .fetchOptional(row -> new Balance(row.getMemberId(), MonetizationVersion.valueOf(row.getVersion()),
                        row.getTokenBalance(), row.getMomentBalance(), row.getMovementCount(),
                        row.getUpdatedAt().toInstant()));
    }

    @Override
    public Optional<StoredWallet> wallet(String memberId) {
        return Optional.ofNullable(WalletStateRows.load(sql, List.of(memberId), false).get(memberId))
                .filter(stored -> stored.state() != null);
    }

    @Override
    public List<MovementRow> movements(String memberId, Long beforePosition, int limit) {
        Condition condition = WALLET_MOVEMENT.MEMBER_ID.eq(memberId);
        if (beforePosition != null) {
            condition = condition.and(WALLET_MOVEMENT.POSITION.lt(beforePosition));
        }
        return sql.selectFrom(WALLET_MOVEMENT).where(condition)
                .orderBy(WALLET_MOVEMENT.POSITION.desc())
                .limit(limit)
                .fetch(row -> new MovementRow(row.getPosition(), row.getMovementId(),
                        MovementKind.valueOf(row.getKind()), MeterUnit.valueOf(row.getUnit()), row.getAmount(),
                        row.getBalanceAfter(), row.getReference(), row.getOccurredAt().toInstant()));
    }
}
