package app.hearth.application.calls;

import java.time.Instant;

/** The real-time frames of the queue, each a JSON object of {@code type} "queue". */
public final class CallQueueFrames {

    private CallQueueFrames() {
    }

    /**
     * {@code state}: waiting (with the position and estimated wait), matched (a companion rings: {@code callId},
     * {@code companionId}), left ({@code reason}: CANCELLED, TIMED_OUT, INSUFFICIENT_BALANCE, MEMBER_IN_CALL).
     */
    public record QueueFrame(String type, String state, String language, Long position, Long estimatedWaitSeconds,
                             Instant leavesAt, String callId, String companionId, String reason) {

        static QueueFrame waiting(WaitingQueue.QueueView view) {
            return new QueueFrame("queue", "waiting", view.language(), view.position(), view.estimatedWaitSeconds(),
                    view.leavesAt(), view.callId(), null, null);
        }

        static QueueFrame matched(String language, String callId, String companionId) {
            return new QueueFrame("queue", "matched", language, null, null, null, callId, companionId, null);
        }

        static QueueFrame left(String language, String reason) {
            return new QueueFrame("queue", "left", language, null, null, null, null, null, reason);
        }
    }
}
