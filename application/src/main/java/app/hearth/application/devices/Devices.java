package app.hearth.application.devices;

import app.hearth.domain.access.Actor;
import app.hearth.domain.devices.Device;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** A signed-in user's own devices; nobody reads or changes another user's. */
@PrimaryPort
public interface Devices {

    /** What a device registration carries; tokens may be null (at least one is required). */
    record Registration(String platform, String fcmToken, String apnsVoipToken) {
    }

    /** The saved device and whether it was new. */
    record Registered(Device device, boolean created) {
    }

    Registered register(Actor actor, String deviceId, Registration registration);

    List<Device> list(Actor actor);

    /** Idempotent: forgetting a device that is not there is not an error. */
    void forget(Actor actor, String deviceId);
}
