package app.hearth.adapters.push.config;

import app.hearth.adapters.push.apns.PushyVoipPushSender;
import app.hearth.adapters.push.fcm.FcmAlertSender;
import app.hearth.adapters.push.fcm.FcmDataMessageSender;
import app.hearth.adapters.push.jooq.JooqNotificationSettings;
import app.hearth.application.devices.DeviceRegistry;
import app.hearth.application.push.AlertSender;
import app.hearth.application.push.DataMessageSender;
import app.hearth.application.push.IncomingCallPush;
import app.hearth.application.push.NotificationSettings;
import app.hearth.application.push.NotificationSettingsService;
import app.hearth.application.push.NotificationSettingsStore;
import app.hearth.application.push.VoipPushSender;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.jooq.DSLContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The incoming-call push and its two providers. APNs: a Pushy client with the team's signing key. FCM: a
 * firebase-admin app of its own (named per context) for messaging. A provider that is not enabled logs instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PushProperties.class)
public class PushConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PushConfiguration.class);
    private static final AtomicInteger APPS = new AtomicInteger();
    private static final String FCM = "https://fcm.googleapis.com";

    @Bean
    IncomingCallPush incomingCallPush(DeviceRegistry devices, VoipPushSender voip, DataMessageSender data) {
        return new IncomingCallPush(devices, voip, data);
    }

    @Bean
    VoipPushSender voipPushSender(PushProperties properties) throws IOException, GeneralSecurityException {
        var apns = properties.apns();
        if (!apns.enabled()) {
            log.info("APNs is off (hearth.push.apns.enabled=false): VoIP pushes are only logged");
            return LoggingPushSenders.voip();
        }
        if (blank(apns.teamId()) || blank(apns.keyId()) || blank(apns.signingKey())) {
            throw new IllegalStateException("hearth.push.apns.team-id, key-id and signing-key must be set when "
                    + "hearth.push.apns.enabled is true");
        }
        var builder = new ApnsClientBuilder()
                .setApnsServer(apns.host(), apns.port())
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(apns.signingKey()), apns.teamId(),
                        apns.keyId()));
        if (!blank(apns.trustedServerCertificate())) {
            builder.setTrustedServerCertificateChain(new File(apns.trustedServerCertificate()));
        }
        log.info("APNs VoIP pushes go to {}:{} for topic {}.voip", apns.host(), apns.port(), apns.bundleId());
        return new PushyVoipPushSender(builder.build(), apns.bundleId(), apns.timeout());
    }

    @Bean
    DataMessageSender dataMessageSender(PushProperties properties, Clock clock) {
        var fcm = properties.fcm();
        if (!fcm.enabled()) {
            log.info("FCM is off (hearth.push.fcm.enabled=false): call messages are only logged");
            return LoggingPushSenders.data();
        }
        return new FcmDataMessageSender(firebaseApp(fcm), clock);
    }

    /** Chat alerts (and any other visible notification) through FCM, for Android and iOS apps alike. */
    @Bean
    AlertSender alertSender(PushProperties properties) {
        var fcm = properties.fcm();
        if (!fcm.enabled()) {
            log.info("FCM is off (hearth.push.fcm.enabled=false): alerts are only logged");
            return LoggingPushSenders.alerts();
        }
        return new FcmAlertSender(firebaseApp(fcm));
    }

    @Bean
    NotificationSettingsStore notificationSettingsStore(DSLContext sql) {
        return new JooqNotificationSettings(sql);
    }

    @Bean
    NotificationSettings notificationSettings(NotificationSettingsStore store, Clock clock) {
        return new NotificationSettingsService(store, clock);
    }

    /** A Firebase app of its own (one per sender, so that each closes its own), with the endpoint the tests give. */
    private static FirebaseApp firebaseApp(PushProperties.Fcm fcm) {
        if (blank(fcm.projectId())) {
            throw new IllegalStateException("hearth.push.fcm.project-id must be set when hearth.push.fcm.enabled "
                    + "is true");
        }
        var options = FirebaseOptions.builder().setProjectId(fcm.projectId()).setCredentials(credentials(fcm));
        if (!blank(fcm.endpoint())) {
            String endpoint = fcm.endpoint().replaceAll("/+$", "");
            options.setHttpTransport(new NetHttpTransport.Builder()
                    .setConnectionFactory(url -> open(url, endpoint)).build());
            log.warn("FCM requests go to {} instead of {}", endpoint, FCM);
        }
        return FirebaseApp.initializeApp(options.build(), "hearth-push-" + APPS.incrementAndGet());
    }

    private static HttpURLConnection open(URL url, String endpoint) throws IOException {
        String target = url.toString();
        if (target.startsWith(FCM)) {
            target = endpoint + target.substring(FCM.length());
        }
        return (HttpURLConnection) URI.create(target).toURL().openConnection();
    }

    private static GoogleCredentials credentials(PushProperties.Fcm fcm) {
        if (!blank(fcm.accessToken())) {
            return GoogleCredentials.create(new AccessToken(fcm.accessToken(),
                    new Date(System.currentTimeMillis() + 365L * 24 * 3600 * 1000)));
        }
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException missing) {
            throw new IllegalStateException("FCM needs Google application default credentials (or "
                    + "hearth.push.fcm.access-token): " + missing.getMessage(), missing);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
