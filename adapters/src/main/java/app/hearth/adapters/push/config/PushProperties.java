package app.hearth.adapters.push.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hearth.push.*}: APNs and FCM for incoming calls. Each provider is off unless enabled; an off provider only
 * logs what it would have sent, so Hearth starts with no credentials at all.
 *
 * @param apns APNs with token authentication (a .p8 signing key of the team)
 * @param fcm  FCM through firebase-admin
 */
@ConfigurationProperties("hearth.push")
public record PushProperties(@DefaultValue Apns apns, @DefaultValue Fcm fcm) {

    /**
     * @param host                     api.push.apple.com, or api.sandbox.push.apple.com for development builds
     * @param bundleId                 the iOS app's bundle id; VoIP pushes go to topic {@code <bundleId>.voip}
     * @param signingKey               path of the team's .p8 key (PKCS#8)
     * @param trustedServerCertificate path of a PEM to trust instead of the JDK's (tests, a mock server); blank: JDK
     */
    public record Apns(@DefaultValue("false") boolean enabled,
                       @DefaultValue("api.push.apple.com") String host,
                       @DefaultValue("443") int port,
                       @DefaultValue("app.hearth") String bundleId,
                       String teamId,
                       String keyId,
                       String signingKey,
                       String trustedServerCertificate,
                       @DefaultValue("PT10S") Duration timeout) {
    }

    /**
     * @param projectId   the Firebase project whose apps hold the registration tokens
     * @param endpoint    where FCM requests go instead of https://fcm.googleapis.com (tests); blank: Google
     * @param accessToken a fixed OAuth token instead of application default credentials (tests); blank: ADC
     */
    public record Fcm(@DefaultValue("false") boolean enabled,
                      String projectId,
                      String endpoint,
                      String accessToken) {
    }
}
