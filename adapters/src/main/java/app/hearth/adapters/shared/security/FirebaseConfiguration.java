package app.hearth.adapters.shared.security;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Firebase, for the web server whenever the local issuer is off (stage, prod): one firebase-admin app per
 * application context (deleted with it) and the {@link FirebaseAuth} that verifies ID tokens (and that the access
 * feature's {@code FirebaseClaimsConfiguration} uses to publish role claims). The local profile and the command-line
 * modes have none of these and log role claims instead (see AccessConfiguration).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "false", matchIfMissing = true)
@EnableConfigurationProperties(HearthAuthProperties.class)
public class FirebaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FirebaseConfiguration.class);
    private static final AtomicInteger APPS = new AtomicInteger();

    @Bean(destroyMethod = "delete")
    FirebaseApp firebaseApp(HearthAuthProperties properties) {
        String projectId = properties.firebase().projectId();
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalStateException("hearth.auth.firebase.project-id must be set when the local token "
                    + "issuer is off: Hearth verifies Firebase ID tokens of that project");
        }
        // A name of its own, so that two contexts in one JVM (tests) never share or delete each other's app.
        return FirebaseApp.initializeApp(FirebaseOptions.builder()
                .setProjectId(projectId)
                .setCredentials(credentials())
                .build(), "hearth-" + APPS.incrementAndGet());
    }

    @Bean
    FirebaseAuth firebaseAuth(FirebaseApp app) {
        return FirebaseAuth.getInstance(app);
    }

    /**
     * Google application default credentials. Verifying ID tokens needs only the project id and Google's public
     * keys, so without credentials Hearth still verifies tokens, and says what will not work.
     */
    private static GoogleCredentials credentials() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException missing) {
            log.warn("no Google application default credentials: Firebase ID tokens are verified, but calls that "
                    + "act on Firebase (setting custom claims, checking revocation) will fail: {}", missing.getMessage());
            return GoogleCredentials.create(new AccessToken("no-credentials", null));
        }
    }
}
