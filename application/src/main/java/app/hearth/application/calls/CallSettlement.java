package app.hearth.application.calls;

import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.money.metering.Metering;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.WalletReceipt;

/**
 * What an ended call settles, once per call whatever retries or replays happen. The call's end carries its one
 * billing verdict (ADR 0030); both sides take it and judge nothing: the member's hold is captured for what the verdict
 * bills (or released when the call never connected), and when the verdict charges the member, the companion's
 * Earning Coins are credited the same started minutes at the call kind's rate, with the multiplier in force at the
 * connect. Each step is idempotent on the call (the hold is the call's, the credit's source reference is the call).
 */
public class CallSettlement {

    /** How Hearth's own process is recorded in the ledgers. */
    public static final String PROCESS = "calls";

    private final Metering metering;
    private final ActivityCredits credits;

    public CallSettlement(Metering metering, ActivityCredits credits) {
        this.metering = metering;
        this.credits = credits;
    }

    /** The credit's source reference: one credit per call. */
    public static String sourceReference(String callId) {
        return "call:" + callId;
    }

    public void settle(CallEnded ended) {
        String holdId = CallsService.holdId(ended.callId());
        if (ended.connectedAt() == null) {
            releaseIfOpen(ended, holdId);
            return;
        }
        metering.hold(ended.memberId(), holdId, ended.endedAt()).ifPresent(hold -> {
            if (hold.status() == WalletReceipt.HoldStatus.OPEN) {
                metering.captureHold(ended.memberId(), holdId, ended.verdict(), ended.at());
            }
        });
        if (ended.verdict().charges()) {
            credit(ended);
        }
    }

    private void releaseIfOpen(CallEnded ended, String holdId) {
        metering.hold(ended.memberId(), holdId, ended.at()).ifPresent(hold -> {
            if (hold.status() == WalletReceipt.HoldStatus.OPEN) {
                metering.releaseHold(ended.memberId(), holdId, ended.at());
            }
        });
    }

    private void credit(CallEnded ended) {
        ActivityKind activity = ended.kind() == CallKind.VIDEO ? ActivityKind.VIDEO_CALL_MINUTE
                : ActivityKind.AUDIO_CALL_MINUTE;
        credits.credit(ended.companionId(), sourceReference(ended.callId()), activity,
                ended.verdict().startedMinutes(), ended.connectedAt(), PROCESS);
    }
}
