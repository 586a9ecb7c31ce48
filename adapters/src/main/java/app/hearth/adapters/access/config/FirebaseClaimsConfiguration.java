package app.hearth.adapters.access.config;

import app.hearth.adapters.access.firebase.FirebaseIdentityProviderClaims;
import app.hearth.application.access.IdentityProviderClaims;
import com.google.firebase.auth.FirebaseAuth;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Firebase as the identity provider that receives role claims, under the very conditions of the shared
 * {@code FirebaseConfiguration} that provides the {@link FirebaseAuth} (web server with the local issuer off). Anywhere
 * else role claims are only logged ({@link AccessConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "false", matchIfMissing = true)
public class FirebaseClaimsConfiguration {

    @Bean
    IdentityProviderClaims firebaseIdentityProviderClaims(FirebaseAuth auth) {
        return new FirebaseIdentityProviderClaims(auth);
    }
}
