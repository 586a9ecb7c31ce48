package app.hearth.adapters.push.web;

import app.hearth.application.push.NotificationSettings;
import app.hearth.domain.access.Actor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notification settings, whatever their role: the route names no user. */
@RestController
@Tag(name = "Notifications", description = "What the caller's push notifications show")
public class NotificationSettingsController {

    public static final String SETTINGS = "/api/v1/me/notification-settings";

    /**
     * The settings a user changes; a field left out stays as it was, unknown fields are ignored. {@code pushPreview}:
     * a chat push shows the newest message's text shortened to 100 characters (true, the default) or only "New
     * message" (false).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NotificationSettingsRequest(Boolean pushPreview) {
    }

    /** The caller's settings (the defaults until they change one). */
    public record NotificationSettingsResponse(boolean pushPreview) {
        static NotificationSettingsResponse of(NotificationSettings.Settings settings) {
            return new NotificationSettingsResponse(settings.pushPreview());
        }
    }

    private final NotificationSettings settings;

    public NotificationSettingsController(NotificationSettings settings) {
        this.settings = settings;
    }

    @GetMapping(SETTINGS)
    @Operation(operationId = "getNotificationSettings",
            summary = "Your notification settings: pushPreview (chat pushes show the text, default true)")
    public NotificationSettingsResponse get(@Parameter(hidden = true) Actor actor) {
        return NotificationSettingsResponse.of(settings.settings(actor));
    }

    @PutMapping(SETTINGS)
    @Operation(operationId = "saveNotificationSettings",
            summary = "Change your notification settings (fields left out stay as they were)")
    public NotificationSettingsResponse save(@Parameter(hidden = true) Actor actor,
                                             @RequestBody NotificationSettingsRequest request) {
        return NotificationSettingsResponse.of(settings.save(actor,
                request == null ? null : request.pushPreview()));
    }
}
