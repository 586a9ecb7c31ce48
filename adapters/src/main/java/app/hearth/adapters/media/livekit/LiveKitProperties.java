package app.hearth.adapters.media.livekit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hearth.media.livekit.*}: the URL clients connect to, the API key and secret shared with the LiveKit
 * server (tokens Hearth signs, webhooks LiveKit signs), and the clock skew allowed when checking a webhook
 * token's {@code nbf} and {@code exp}.
 */
@ConfigurationProperties("hearth.media.livekit")
public record LiveKitProperties(@DefaultValue("ws://localhost:7880") String url, String apiKey, String apiSecret,
                                @DefaultValue("PT30S") Duration clockSkew) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank() && apiSecret != null && !apiSecret.isBlank();
    }
}
