package app.hearth.application.devices;

import app.hearth.domain.access.Actor;
import app.hearth.domain.devices.Device;
import app.hearth.domain.devices.Platform;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.util.List;

/** Registers, lists and forgets the caller's own devices. */
public class DevicesService implements Devices {

    private final DeviceRegistry devices;
    private final Clock clock;

    public DevicesService(DeviceRegistry devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    @Override
    public Registered register(Actor actor, String deviceId, Registration registration) {
        RuleViolation.require(registration, "body");
        Device device = new Device(actor.userId(), deviceId, Platform.parse(registration.platform()),
                registration.fcmToken(), registration.apnsVoipToken(), clock.instant());
        return new Registered(device, devices.save(device));
    }

    @Override
    public List<Device> list(Actor actor) {
        return devices.list(actor.userId());
    }

    @Override
    public void forget(Actor actor, String deviceId) {
        devices.delete(actor.userId(), Device.deviceId(deviceId));
    }
}
