package app.hearth.application.devices;

import app.hearth.domain.devices.Device;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where devices are kept, keyed by (user, device id). */
@SecondaryPort
public interface DeviceRegistry {

    /** Creates or replaces the user's device; true when it was created. */
    boolean save(Device device);

    /** The user's devices, oldest registration first. */
    List<Device> list(String userId);

    /** Forgets the user's device; false when there was none. */
    boolean delete(String userId, String deviceId);

    /** Forgets every device of {@code userId} (their account is closing); returns how many. */
    int deleteAll(String userId);

    /**
     * Forgets a token the push provider refused for good, only while the device still holds that very token (a
     * newer registration wins); a device left with no token is forgotten. True when something was removed.
     */
    boolean forgetApnsVoipToken(String userId, String deviceId, String token);

    /** As {@link #forgetApnsVoipToken}, for the FCM registration token. */
    boolean forgetFcmToken(String userId, String deviceId, String token);
}
