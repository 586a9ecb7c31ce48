package app.hearth.application.push;

import app.hearth.application.devices.DeviceRegistry;
import app.hearth.domain.devices.Device;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Rings a callee: an APNs VoIP push to every APNs VoIP token and an FCM data message to every FCM token of their
 * devices. A token the provider refuses for good is removed from its device; any other failure keeps it and is
 * counted as failed. All pushes go out at once; a device that fails never stops the others and is never thrown
 * (only a device list that cannot be read throws: then nobody can be rung).
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
        var pushes = new ArrayList<Callable<Tally>>();
        for (Device device : devices.list(calleeUserId)) {
            if (device.apnsVoipToken() != null) {
                pushes.add(() -> tally(safely(() -> voip.send(device.apnsVoipToken(), call)), "APNs VoIP", call,
                        calleeUserId, device, () -> devices.forgetApnsVoipToken(calleeUserId, device.deviceId(),
                                device.apnsVoipToken())));
            }
            if (device.fcmToken() != null) {
                pushes.add(() -> tally(safely(() -> data.send(device.fcmToken(), call)), "FCM", call, calleeUserId,
                        device, () -> devices.forgetFcmToken(calleeUserId, device.deviceId(), device.fcmToken())));
            }
        }
        int sent = 0;
        int removed = 0;
        int failed = 0;
        // all devices at once: a slow provider (firebase-admin retries UNAVAILABLE for seconds) delays no other one
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Tally> push : executor.invokeAll(pushes)) {
                switch (outcomeOf(push)) {
                    case SENT -> sent++;
                    case REMOVED -> removed++;
                    case FAILED -> failed++;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        Result result = new Result(sent, removed, failed);
        log.log(System.Logger.Level.INFO, "call {0}: rang {1} on {2} tokens: {3} sent, {4} removed, {5} failed",
                call.callId(), calleeUserId, pushes.size(), sent, removed, failed);
        return result;
    }

    private enum Tally { SENT, REMOVED, FAILED }

    private static Tally outcomeOf(Future<Tally> push) {
        try {
            return push.get();
        } catch (ExecutionException | InterruptedException | CancellationException broken) {
            log.log(System.Logger.Level.ERROR, "a push failed unexpectedly", broken);
            return Tally.FAILED;
        }
    }

    private static Tally tally(PushOutcome outcome, String provider, IncomingCall call, String callee, Device device,
                               Runnable forgetToken) {
        return switch (outcome) {
            case PushOutcome.Sent ignored -> Tally.SENT;
            case PushOutcome.TokenRejected rejected -> {
                try {
                    forgetToken.run();
                } catch (RuntimeException notForgotten) {
                    log.log(System.Logger.Level.ERROR, "call " + call.callId() + ": could not remove the dead "
                            + provider + " token of device " + device.deviceId() + " of " + callee, notForgotten);
                    yield Tally.FAILED;
                }
                log.log(System.Logger.Level.INFO, "call {0}: {1} refused the token of device {2} of {3} ({4}); "
                        + "token removed", call.callId(), provider, device.deviceId(), callee, rejected.reason());
                yield Tally.REMOVED;
            }
            case PushOutcome.Failed failure -> {
                log.log(System.Logger.Level.WARNING, "call {0}: {1} push to device {2} of {3} failed ({4}); token "
                        + "kept", call.callId(), provider, device.deviceId(), callee, failure.reason());
                yield Tally.FAILED;
            }
        };
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
