package app.hearth.application.devices;

import app.hearth.application.members.IdentityAttached;
import app.hearth.application.members.MemberListener;

/** A closed account keeps no devices and no push tokens: nothing rings a phone of someone who left. */
public class DevicesMemberListener implements MemberListener {

    private final DeviceRegistry devices;

    public DevicesMemberListener(DeviceRegistry devices) {
        this.devices = devices;
    }

    @Override
    public void identityAttached(IdentityAttached attached) {
        // devices do not depend on identities
    }

    @Override
    public void closing(String memberId) {
        devices.deleteAll(memberId);
    }
}
