package app.hearth.adapters.media.config;

import app.hearth.adapters.media.livekit.LiveKitProperties;
import app.hearth.adapters.media.livekit.LiveKitRooms;
import app.hearth.adapters.media.webhooks.LiveKitWebhookVerifier;
import app.hearth.application.media.MediaEventInbox;
import app.hearth.application.media.MediaEventListener;
import app.hearth.application.media.MediaRooms;
import app.hearth.application.media.MediaWebhookService;
import app.hearth.application.media.MediaWebhooks;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The media server (LiveKit): join tokens, webhook authentication, and the webhook use case with its listeners. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveKitProperties.class)
public class MediaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

    @Bean
    MediaRooms mediaRooms(LiveKitProperties properties) {
        if (!properties.configured()) {
            log.warn("hearth.media.livekit.api-key/api-secret (HEARTH_LIVEKIT_API_KEY/_SECRET) are not set: no "
                    + "media token can be made and every LiveKit webhook is refused with 401");
        } else if (properties.apiSecret().length() < 32) {
            log.warn("hearth.media.livekit.api-secret is shorter than 32 characters: fine for a local LiveKit in "
                    + "development mode, too weak anywhere else");
        }
        return new LiveKitRooms(properties.url(), properties.apiKey(), properties.apiSecret());
    }

    @Bean
    LiveKitWebhookVerifier liveKitWebhookVerifier(LiveKitProperties properties, Clock clock) {
        return new LiveKitWebhookVerifier(properties.apiKey(), properties.apiSecret(), properties.clockSkew(), clock);
    }

    /** Every {@link MediaEventListener} bean hears every event (none yet: calls will add one). */
    @Bean
    MediaWebhooks mediaWebhooks(MediaEventInbox inbox, ObjectProvider<MediaEventListener> listeners,
                                Transactions transactions, Clock clock) {
        return new MediaWebhookService(inbox, listeners.orderedStream().toList(), transactions, clock);
    }
}
