package app.hearth.domain.ratings;

import java.time.LocalDate;
import java.util.Objects;
import org.jmolecules.ddd.annotation.ValueObject;

/** What one rating is about: a completed call, or one day of a conversation (one rating each). */
@ValueObject
public sealed interface RatingSubject {

    /** The stored key of the subject: one rating per key. */
    String key();

    /** The kind, as stored: {@code CALL} or {@code CONVERSATION_DAY}. */
    String kind();

    record Call(String callId) implements RatingSubject {
        public Call {
            Objects.requireNonNull(callId);
        }

        @Override
        public String key() {
            return "call:" + callId;
        }

        @Override
        public String kind() {
            return "CALL";
        }
    }

    /** A local day (the member's time zone) of a conversation. */
    record ConversationDay(String conversationId, LocalDate day) implements RatingSubject {
        public ConversationDay {
            Objects.requireNonNull(conversationId);
            Objects.requireNonNull(day);
        }

        @Override
        public String key() {
            return "conversation:" + conversationId + ":" + day;
        }

        @Override
        public String kind() {
            return "CONVERSATION_DAY";
        }
    }
}
