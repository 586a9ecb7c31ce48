package app.hearth.application.push;

import app.hearth.application.devices.DeviceRegistry;
import app.hearth.domain.devices.Device;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Rings a callee: an APNs VoIP push to every APNs VoIP token and an FCM data message to every FCM token of their
 * devices. A token the provider refuses for good is removed from its device; any other failure keeps it and is
 * counted as failed. One device failing never stops the others, and nothing is thrown for it.
 */
@PrimaryPort
public class IncomingCallPush {

    private static final System.Logger log = System.getLogger(IncomingCallPush.class.getName());

    /** How many pushes the providers accepted, how many tokens were removed, how many pushes failed otherwise. */
    public record Result(int sent, int removed, int failed) {
    }

    private final DeviceRegistry devices;
    private final VoipPushSender voip;
    private final DataMessageSender data;

    public IncomingCallPush(DeviceRegistry devices, VoipPushSender voip, DataMessageSender data) {
        this.devices = devices;
        this.voip = voip;
        this.data = data;
    }

    public Result ring(String calleeUserId, IncomingCall call) {
        int sent = 0;
        int removed = 0;
        int failed = 0;
        for (Device device : devices.list(calleeUserId)) {
            if (device.apnsVoipToken() != null) {
                PushOutcome outcome = safely(() -> voip.send(device.apnsVoipToken(), call));
                switch (outcome) {
                    case PushOutcome.Sent ignored -> sent++;
                    case PushOutcome.TokenRejected rejected -> {
                        devices.forgetApnsVoipToken(calleeUserId, device.deviceId(), device.apnsVoipToken());
                        removed++;
                        log.log(System.Logger.Level.INFO, "call {0}: APNs refused the VoIP token of device {1} of {2} ({3}); token removed",
                                call.callId(), device.deviceId(), calleeUserId, rejected.reason());
                    }
                    case PushOutcome.Failed failure -> {
                        failed++;
                        log.log(System.Logger.Level.WARNING, "call {0}: APNs VoIP push to device {1} of {2} failed ({3}); token kept",
                                call.callId(), device.deviceId(), calleeUserId, failure.reason());
                    }
                }
            }
            if (device.fcmToken() != null) {
                PushOutcome outcome = safely(() -> data.send(device.fcmToken(), call));
                switch (outcome) {
                    case PushOutcome.Sent ignored -> sent++;
                    case PushOutcome.TokenRejected rejected -> {
                        devices.forgetFcmToken(calleeUserId, device.deviceId(), device.fcmToken());
                        removed++;
                        log.log(System.Logger.Level.INFO, "call {0}: FCM refused the token of device {1} of {2} ({3}); token removed",
                                call.callId(), device.deviceId(), calleeUserId, rejected.reason());
                    }
                    case PushOutcome.Failed failure -> {
                        failed++;
                        log.log(System.Logger.Level.WARNING, "call {0}: FCM message to device {1} of {2} failed ({3}); token kept",
                                call.callId(), device.deviceId(), calleeUserId, failure.reason());
                    }
                }
            }
        }
        Result result = new Result(sent, removed, failed);
        log.log(System.Logger.Level.INFO, "call {0}: rang {1}: {2} sent, {3} tokens removed, {4} failed", call.callId(), calleeUserId, sent,
                removed, failed);
        return result;
    }

    /** A sender that throws after all (a bug, a runtime surprise) counts as one failed push. */
    private static PushOutcome safely(java.util.function.Supplier<PushOutcome> send) {
        try {
            return send.get();
        } catch (RuntimeException unexpected) {
            log.log(System.Logger.Level.ERROR, "a push sender threw", unexpected);
            return new PushOutcome.Failed(unexpected.toString());
        }
    }
}
