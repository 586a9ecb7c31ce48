package app.hearth.application.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.shared.Transactions;
import app.hearth.domain.media.MediaEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Normalizing LiveKit's notifications and handing each to the listeners once, in the recording transaction. */
class MediaWebhookServiceTest {

    static final Instant NOW = Instant.parse("2026-11-24T23:00:00Z");
    static final Instant CREATED = Instant.ofEpochSecond(1_787_254_203L);

    final Map<String, String> rows = new HashMap<>();
    final List<MediaEvent> heard = new ArrayList<>();
    final MediaEventInbox inbox = new MediaEventInbox() {
        @Override
        public boolean add(MediaWebhooks.Notification notification, Instant receivedAt) {
            return rows.putIfAbsent(notification.eventId(), "RECEIVED") == null;
        }

        @Override
        public void settle(String eventId, MediaWebhooks.Outcome outcome) {
            rows.put(eventId, outcome.name());
        }
    };
    final Transactions direct = new Transactions() {
        @Override
        public void afterCommit(Runnable work) {
            work.run();
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }

        @Override
        public <T> T inNewTransaction(Supplier<T> work) {
            return work.get();
        }
    };
    final MediaWebhookService service = new MediaWebhookService(inbox, List.of(heard::add), direct,
            Clock.fixed(NOW, ZoneOffset.UTC));

    static MediaWebhooks.Notification notification(String id, String type, String identity, Instant createdAt) {
        return new MediaWebhooks.Notification(id, type, "call-1", identity, createdAt, "{}");
    }

    @Test
    void eachKnownTypeBecomesItsEventAndIsHeardOnce() {
        service.receive(notification("EV_1", "participant_joined", "maria", CREATED));
        service.receive(notification("EV_2", "participant_left", "elena", CREATED));
        service.receive(notification("EV_3", "participant_connection_aborted", "elena", null));
        service.receive(notification("EV_4", "room_finished", null, CREATED));
        var again = service.receive(notification("EV_1", "participant_joined", "maria", CREATED));

        assertThat(again.duplicate()).isTrue();
        assertThat(heard).containsExactly(
                new MediaEvent.ParticipantJoined("call-1", "maria", CREATED),
                new MediaEvent.ParticipantLeft("call-1", "elena", CREATED),
                new MediaEvent.ConnectionAborted("call-1", "elena", NOW),
                new MediaEvent.RoomFinished("call-1", CREATED));
        assertThat(rows.values()).containsOnly("HANDED_ON");
    }

    @Test
    void otherTypesAndIncompleteOnesAreRecordedAndIgnored() {
        var receipt = service.receive(notification("EV_5", "track_published", "maria", CREATED));
        service.receive(notification("EV_6", "participant_joined", null, CREATED));

        assertThat(receipt.outcome()).isEqualTo(MediaWebhooks.Outcome.IGNORED);
        assertThat(heard).isEmpty();
        assertThat(rows).containsEntry("EV_5", "IGNORED").containsEntry("EV_6", "IGNORED");
    }

    @Test
    void aListenerFailureFailsTheReceipt() {
        var failing = new MediaWebhookService(inbox, List.of(event -> {
            throw new IllegalStateException("calls are down");
        }), direct, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> failing.receive(notification("EV_7", "room_finished", null, CREATED)))
                .isInstanceOf(IllegalStateException.class);
    }
}
