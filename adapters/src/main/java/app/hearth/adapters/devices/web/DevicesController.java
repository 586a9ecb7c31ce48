package app.hearth.adapters.devices.web;

import app.hearth.application.devices.Devices;
import app.hearth.domain.access.Actor;
import app.hearth.domain.devices.Device;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own devices: the routes name no user, so nobody reaches another user's devices. */
@RestController
@Tag(name = "Devices", description = "The caller's phones and their push tokens (incoming calls ring them)")
public class DevicesController {

    public static final String DEVICES = "/api/v1/me/devices";
    public static final String DEVICE = DEVICES + "/{deviceId}";

    /** A device's platform ({@code ios} or {@code android}) and at least one push token. */
    public record DeviceRegistrationRequest(String platform, String fcmToken, String apnsVoipToken) {
    }

    /** A registered device. */
    public record DeviceResponse(String deviceId, String platform, String fcmToken, String apnsVoipToken,
                                 Instant registeredAt) {
        static DeviceResponse of(Device device) {
            return new DeviceResponse(device.deviceId(), device.platform().wire(), device.fcmToken(),
                    device.apnsVoipToken(), device.registeredAt());
        }
    }

    private final Devices devices;

    public DevicesController(Devices devices) {
        this.devices = devices;
    }

    @PutMapping(DEVICE)
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "200", description = "Replaced")
    @Operation(operationId = "registerDevice",
            summary = "Register or replace one of the caller's devices (201 when new, 200 when replaced)")
    public ResponseEntity<DeviceResponse> register(@Parameter(hidden = true) Actor actor,
                                                   @PathVariable String deviceId,
                                                   @RequestBody DeviceRegistrationRequest request) {
        var registered = devices.register(actor, deviceId, request == null ? null
                : new Devices.Registration(request.platform(), request.fcmToken(), request.apnsVoipToken()));
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(DeviceResponse.of(registered.device()));
    }

    @GetMapping(DEVICES)
    @Operation(operationId = "listDevices",
            summary = "The caller's devices")
    public List<DeviceResponse> list(@Parameter(hidden = true) Actor actor) {
        return devices.list(actor).stream().map(DeviceResponse::of).toList();
    }

    @DeleteMapping(DEVICE)
    @ApiResponse(responseCode = "204", description = "Forgotten (also when it was not there)", content = @Content)
    @Operation(operationId = "forgetDevice",
            summary = "Forget one of the caller's devices (204, also when it was not there)")
    public ResponseEntity<Void> forget(@Parameter(hidden = true) Actor actor, @PathVariable String deviceId) {
        devices.forget(actor, deviceId);
        return ResponseEntity.noContent().build();
    }
}
