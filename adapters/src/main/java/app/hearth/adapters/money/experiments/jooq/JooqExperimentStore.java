package app.hearth.adapters.money.experiments.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.PAYWALL_ASSIGNMENT;
import static app.hearth.adapters.shared.jooq.generated.Tables.PAYWALL_EVENT;
import static app.hearth.adapters.shared.jooq.generated.Tables.PAYWALL_EXPERIMENT;
import static app.hearth.adapters.shared.jooq.generated.Tables.PAYWALL_VARIANT;

import app.hearth.adapters.shared.jooq.generated.tables.records.PaywallExperimentRecord;
import app.hearth.application.money.experiments.ExperimentStore;
import app.hearth.domain.money.experiments.PaywallExperiment;
import app.hearth.domain.money.experiments.PaywallVariant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Experiments and their variants, sticky assignments, and the append-only experiment events. */
@Component
public class JooqExperimentStore implements ExperimentStore {

    private final DSLContext sql;

    public JooqExperimentStore(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean start(PaywallExperiment experiment, String createdBy) {
        // ON CONFLICT without a target also covers the partial unique index: one running experiment per placement
        int inserted = sql.insertInto(PAYWALL_EXPERIMENT)
                .set(PAYWALL_EXPERIMENT.EXPERIMENT_ID, experiment.experimentId())
                .set(PAYWALL_EXPERIMENT.PLACEMENT, experiment.placement())
                .set(PAYWALL_EXPERIMENT.NAME, experiment.name())
                .set(PAYWALL_EXPERIMENT.RUNNING, true)
                .set(PAYWALL_EXPERIMENT.CREATED_BY, createdBy)
                .set(PAYWALL_EXPERIMENT.STARTED_AT, experiment.startedAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        if (inserted == 0) {
            return false;
        }
        int position = 0;
        for (PaywallVariant variant : experiment.variants()) {
            sql.insertInto(PAYWALL_VARIANT)
                    .set(PAYWALL_VARIANT.EXPERIMENT_ID, experiment.experimentId())
                    .set(PAYWALL_VARIANT.POSITION, position++)
                    .set(PAYWALL_VARIANT.VARIANT_KEY, variant.key())
                    .set(PAYWALL_VARIANT.WEIGHT, variant.weight())
                    .set(PAYWALL_VARIANT.PRODUCT_IDS, variant.productIds().toArray(String[]::new))
                .execute();
        }
        return true;
    }

    @Override
    public Optional<PaywallExperiment> find(String experimentId) {
        return sql.selectFrom(PAYWALL_EXPERIMENT).where(PAYWALL_EXPERIMENT.EXPERIMENT_ID.eq(experimentId))
                .fetchOptional().map(this::experiment);
    }

    @Override
    public Optional<PaywallExperiment> runningOn(String placement) {
        return sql.selectFrom(PAYWALL_EXPERIMENT)
                .where(PAYWALL_EXPERIMENT.PLACEMENT.eq(placement), PAYWALL_EXPERIMENT.RUNNING.isTrue())
                .fetchOptional().map(this::experiment);
    }

    @Override
    public List<PaywallExperiment> runningShowing(String productId) {
        return sql.selectFrom(PAYWALL_EXPERIMENT)
                .where(PAYWALL_EXPERIMENT.RUNNING.isTrue(), DSL.exists(DSL.selectOne().from(PAYWALL_VARIANT)
                        .where(PAYWALL_VARIANT.EXPERIMENT_ID.eq(PAYWALL_EXPERIMENT.EXPERIMENT_ID),
                                DSL.condition("{0} @> {1}", PAYWALL_VARIANT.PRODUCT_IDS,
                                        DSL.val(new String[] {productId}, PAYWALL_VARIANT.PRODUCT_IDS.getDataType())))))
                .fetch().map(this::experiment);
    }

    @Override
    public List<PaywallExperiment> list() {
        return sql.selectFrom(PAYWALL_EXPERIMENT).orderBy(PAYWALL_EXPERIMENT.STARTED_AT.desc())
                .fetch().map(this::experiment);
    }

    @Override
    public void stop(String experimentId, Instant at) {
        sql.update(PAYWALL_EXPERIMENT).set(PAYWALL_EXPERIMENT.RUNNING, false)
                .set(PAYWALL_EXPERIMENT.STOPPED_AT, at.atOffset(ZoneOffset.UTC))
                .where(PAYWALL_EXPERIMENT.EXPERIMENT_ID.eq(experimentId)).execute();
    }

    @Override
    public String assign(String experimentId, String memberId, String variantKey, Instant at) {
        sql.insertInto(PAYWALL_ASSIGNMENT)
                .set(PAYWALL_ASSIGNMENT.EXPERIMENT_ID, experimentId).set(PAYWALL_ASSIGNMENT.MEMBER_ID, memberId)
                .set(PAYWALL_ASSIGNMENT.VARIANT_KEY, variantKey)
                .set(PAYWALL_ASSIGNMENT.ASSIGNED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing().execute();
        return assignment(experimentId, memberId).orElseThrow();
    }

    @Override
    public Optional<String> assignment(String experimentId, String memberId) {
        return sql.select(PAYWALL_ASSIGNMENT.VARIANT_KEY).from(PAYWALL_ASSIGNMENT)
                .where(PAYWALL_ASSIGNMENT.EXPERIMENT_ID.eq(experimentId), PAYWALL_ASSIGNMENT.MEMBER_ID.eq(memberId))
                .fetchOptional(PAYWALL_ASSIGNMENT.VARIANT_KEY);
    }

    @Override
    public boolean append(String eventId, String experimentId, String variantKey, String memberId, String kind,
                          String productId, Long amountCents, String currency, Instant at) {
        return sql.insertInto(PAYWALL_EVENT)
                .set(PAYWALL_EVENT.EVENT_ID, eventId).set(PAYWALL_EVENT.EXPERIMENT_ID, experimentId)
                .set(PAYWALL_EVENT.VARIANT_KEY, variantKey).set(PAYWALL_EVENT.MEMBER_ID, memberId)
                .set(PAYWALL_EVENT.KIND, kind).set(PAYWALL_EVENT.PRODUCT_ID, productId)
                .set(PAYWALL_EVENT.AMOUNT_CENTS, amountCents).set(PAYWALL_EVENT.CURRENCY, currency)
                .set(PAYWALL_EVENT.AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(PAYWALL_EVENT.EVENT_ID).doNothing()
                .execute() == 1;
    }

    @Override
    public List<VariantResult> results(String experimentId) {
        var exposed = sql.select(PAYWALL_EVENT.VARIANT_KEY, DSL.countDistinct(PAYWALL_EVENT.MEMBER_ID))
                .from(PAYWALL_EVENT)
                .where(PAYWALL_EVENT.EXPERIMENT_ID.eq(experimentId), PAYWALL_EVENT.KIND.eq("EXPOSED"))
                .groupBy(PAYWALL_EVENT.VARIANT_KEY).fetchMap(PAYWALL_EVENT.VARIANT_KEY, DSL.countDistinct(
                        PAYWALL_EVENT.MEMBER_ID));
        var purchasing = sql.select(PAYWALL_EVENT.VARIANT_KEY, DSL.countDistinct(PAYWALL_EVENT.MEMBER_ID),
                        DSL.count())
                .from(PAYWALL_EVENT)
                .where(PAYWALL_EVENT.EXPERIMENT_ID.eq(experimentId), PAYWALL_EVENT.KIND.eq("PURCHASED"))
                .groupBy(PAYWALL_EVENT.VARIANT_KEY).fetch();
        var revenue = sql.select(PAYWALL_EVENT.VARIANT_KEY, PAYWALL_EVENT.CURRENCY, DSL.sum(PAYWALL_EVENT.AMOUNT_CENTS))
                .from(PAYWALL_EVENT)
                .where(PAYWALL_EVENT.EXPERIMENT_ID.eq(experimentId), PAYWALL_EVENT.KIND.eq("PURCHASED"))
                .groupBy(PAYWALL_EVENT.VARIANT_KEY, PAYWALL_EVENT.CURRENCY).fetch();
        var results = new ArrayList<VariantResult>();
        for (String key : sql.select(PAYWALL_VARIANT.VARIANT_KEY).from(PAYWALL_VARIANT)
                .where(PAYWALL_VARIANT.EXPERIMENT_ID.eq(experimentId)).orderBy(PAYWALL_VARIANT.POSITION)
                .fetch(PAYWALL_VARIANT.VARIANT_KEY)) {
            long members = 0;
            long purchases = 0;
            for (var row : purchasing) {
                if (row.value1().equals(key)) {
                    members = row.value2();
                    purchases = row.value3();
                }
            }
            Map<String, Long> byCurrency = new LinkedHashMap<>();
            for (var row : revenue) {
                if (row.value1().equals(key)) {
                    byCurrency.put(row.value2(), row.value3().longValue());
                }
            }
            results.add(new VariantResult(key, exposed.getOrDefault(key, 0).longValue(), members, purchases,
                    byCurrency));
        }
        return results;
    }

    private PaywallExperiment experiment(PaywallExperimentRecord row) {
        var variants = sql.selectFrom(PAYWALL_VARIANT).where(PAYWALL_VARIANT.EXPERIMENT_ID.eq(row.getExperimentId()))
                .orderBy(PAYWALL_VARIANT.POSITION)
                .fetch(variant -> new PaywallVariant(variant.getVariantKey(), variant.getWeight(),
                        List.of(variant.getProductIds())));
        return new PaywallExperiment(row.getExperimentId(), row.getPlacement(), row.getName(), variants,
                row.getRunning(), row.getStartedAt().toInstant(),
                row.getStoppedAt() == null ? null : row.getStoppedAt().toInstant());
    }
}
