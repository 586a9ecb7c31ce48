package app.hearth.adapters.shared.jooq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * A provider's notifications, each kept once with its raw body in a table of its own feature, unique on the
 * provider's key (its event id, with the provider's name where there are several providers): of two concurrent
 * inserts of one notification the second waits for the first to commit and then inserts nothing. A row is
 * {@value #RECEIVED} until the transaction that recorded it settles what became of it.
 *
 * @param <R> the row of the feature's inbox table
 */
public final class ProviderInbox<R extends TableRecord<R>> {

    /** The outcome of a row whose transaction has not settled it yet (never seen committed). */
    public static final String RECEIVED = "RECEIVED";

    private final DSLContext sql;
    private final TableField<R, String> outcome;
    private final List<TableField<R, String>> key;

    /**
     * @param outcome the column that says what became of a notification
     * @param key     the columns of the table's unique key, in its order
     */
    @SafeVarargs
    public ProviderInbox(DSLContext sql, TableField<R, String> outcome, TableField<R, String>... key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("an inbox needs the columns of its unique key");
        }
        this.sql = sql;
        this.outcome = outcome;
        this.key = List.of(key);
    }

    /**
     * Inserts the columns set in {@code row}, as {@value #RECEIVED}, unless a row with its key is there; true when
     * it inserted one. In the caller's transaction.
     */
    public boolean add(R row) {
        return add(row, RECEIVED);
    }

    /**
     * Inserts the columns set in {@code row} with the outcome {@code outcomeName} (what became of it is known when it
     * is recorded), unless a row with its key is there; true when it inserted one. In the caller's transaction.
     */
    public boolean add(R row, String outcomeName) {
        return sql.insertInto(outcome.getTable())
                .set(row)
                .set(outcome, outcomeName)
                .onConflict(key).doNothing()
                .execute() == 1;
    }

    /**
     * Sets the outcome, and the other columns set in {@code row} but its key, of the row with {@code row}'s key.
     */
    public void settle(R row, String outcomeName) {
        Map<Field<?>, Object> changes = new LinkedHashMap<>();
        changes.put(outcome, outcomeName);
        for (Field<?> field : row.fields()) {
            if (row.changed(field) && !key.contains(field) && !outcome.equals(field)) {
                changes.put(field, row.get(field));
            }
        }
        sql.update(outcome.getTable())
                .set(changes)
                .where(DSL.and(key.stream().map(column -> column.eq(row.get(column))).toList()))
                .execute();
    }
}
