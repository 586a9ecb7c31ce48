package app.hearth.adapters.shared.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.MEDIA_EVENT;
import static app.hearth.adapters.shared.jooq.generated.Tables.PAYMENT_INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.media.jooq.JooqMediaEventInbox;
import app.hearth.adapters.money.payments.jooq.JooqPaymentInbox;
import app.hearth.application.media.MediaWebhooks;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.domain.money.payments.PaymentEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.api.Test;

/** The statements the shared inbox store sends for each feature's inbox: the ones the two stores sent before. */
class ProviderInboxTest {

    static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    record Sent(String sql, List<Object> bindings) {
    }

    final List<Sent> sent = new ArrayList<>();
    int rows = 1;

    org.jooq.DSLContext sql() {
        return DSL.using(new MockConnection(context -> {
            sent.add(new Sent(context.sql(), Arrays.asList(context.bindings())));
            return new MockResult[] {new MockResult(rows, null)};
        }), SQLDialect.POSTGRES);
    }

    @Test
    void aPaymentNotificationIsInsertedOnceWithItsOutcomeAndSettledByProviderAndEventIdWhenApplied() {
        var inbox = new JooqPaymentInbox(sql());
        var notification = new PaymentWebhooks.Notification("stripe", "evt_1", "x".repeat(120), "test", "{}", null);

        var recorded = PaymentWebhooks.Outcome.RECORDED;
        assertThat(inbox.add(notification, T, recorded, null, PaymentEnvironment.TEST)).isTrue();
        rows = 0;
        assertThat(inbox.add(notification, T, recorded, null, PaymentEnvironment.TEST)).as("a copy inserts nothing")
                .isFalse();
        inbox.settle("stripe", "evt_1", PaymentWebhooks.Outcome.FACT_RECORDED, "stripe:pi_1:PURCHASE", null,
                T.plusSeconds(1));

        assertThat(sent.get(0).sql()).isEqualTo("insert into \"payment_inbox\" (\"provider\", "
                + "\"provider_event_id\", \"event_type\", \"environment\", \"payload\", \"received_at\","
                + " \"applies_in\", \"outcome\")"
                + " values (?, ?, ?, ?, ?, cast(? as timestamp(6) with time zone), ?, ?)"
                + " on conflict (\"provider\", \"provider_event_id\") do nothing");
        assertThat(sent.get(0).bindings()).containsExactly("stripe", "evt_1", "x".repeat(99) + "…", "test", "{}",
                "2026-12-07 10:00:00+00:00", "test", "RECORDED");
        assertThat(sent.get(2).sql()).isEqualTo("update \"payment_inbox\" set \"outcome\" = ?,"
                + " \"dedupe_key\" = ?, \"detail\" = ?, \"applied_at\" = cast(? as timestamp(6) with time zone)"
                + " where (\"payment_inbox\".\"provider\" = ?"
                + " and \"payment_inbox\".\"provider_event_id\" = ?)");
        assertThat(sent.get(2).bindings()).containsExactly("FACT_RECORDED", "stripe:pi_1:PURCHASE", null,
                "2026-12-07 10:00:01+00:00", "stripe", "evt_1");
    }

    @Test
    void aMediaNotificationIsInsertedOnceAsReceivedAndSettledByEventId() {
        var inbox = new JooqMediaEventInbox(sql());
        var notification = new MediaWebhooks.Notification("EV_1", "room_finished", "call-1", null, null, "{}");

        assertThat(inbox.add(notification, T)).isTrue();
        inbox.settle("EV_1", MediaWebhooks.Outcome.IGNORED);

        assertThat(sent.get(0).sql()).isEqualTo("insert into \"media_event\" (\"event_id\", "
                + "\"event_type\", \"room\", \"participant_identity\", \"created_at\", \"received_at\", \"payload\","
                + " \"outcome\") values (?, ?, ?, ?, cast(? as timestamp(6) with time zone),"
                + " cast(? as timestamp(6) with time zone), ?, ?) on conflict (\"event_id\") do nothing");
        assertThat(sent.get(0).bindings()).containsExactly("EV_1", "room_finished", "call-1", null, null,
                "2026-12-07 10:00:00+00:00", "{}", "RECEIVED");
        assertThat(sent.get(1).sql()).isEqualTo("update \"media_event\" set \"outcome\" = ?"
                + " where \"media_event\".\"event_id\" = ?");
        assertThat(sent.get(1).bindings()).containsExactly("IGNORED", "EV_1");
    }

    @Test
    void bothTablesKeepTheirOwnUniqueKey() {
        assertThat(PAYMENT_INBOX.getUniqueKeys()).anySatisfy(key -> assertThat(key.getFields())
                .containsExactly(PAYMENT_INBOX.PROVIDER, PAYMENT_INBOX.PROVIDER_EVENT_ID));
        assertThat(MEDIA_EVENT.getUniqueKeys()).anySatisfy(key -> assertThat(key.getFields())
                .containsExactly(MEDIA_EVENT.EVENT_ID));
    }
}
