package app.hearth.adapters.security;

import app.hearth.adapters.web.Problems;
import app.hearth.adapters.web.access.AccessController;
import app.hearth.adapters.web.companions.CompanionsController;
import app.hearth.adapters.web.companions.SkillsController;
import app.hearth.adapters.web.companions.TeamsController;
import app.hearth.adapters.web.members.MeController;
import app.hearth.adapters.web.money.CatalogController;
import app.hearth.adapters.web.money.WalletController;
import app.hearth.application.access.AccessAdministration;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deny by default: every route is listed here with the roles that may call it; anything else is refused. Health
 * and the API docs are open, and so is the local token endpoint while the local issuer is on. Objects are checked
 * again in the use cases (a companion reads only their own ledger).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(HearthAuthProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String[] STAFF = {"SUPERVISOR", "ADMIN", "SUPERADMIN"};
    static final String[] ADMINS = {"ADMIN", "SUPERADMIN"};
    static final String EARNINGS = "/api/v1/companions/{companionId}/earnings";

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, JsonMapper json,
                            HearthAuthProperties properties, AccessAdministration access) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> Problems.write(response, json,
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                "a valid bearer token is required: " + failure.getMessage());
        AccessDeniedHandler denied = (request, response, failure) -> Problems.write(response, json,
                HttpStatus.FORBIDDEN, "ACCESS_DENIED", "your role may not do this");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> {
                    routes.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs",
                            "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
                            "/error").permitAll()
                            .requestMatchers(HttpMethod.GET, SkillsController.SKILLS).permitAll();
                    if (properties.localIssuer().enabled()) {
                        routes.requestMatchers(HttpMethod.POST, LocalTokenController.PATH).permitAll();
                    }
                    routes.requestMatchers("/actuator/**").hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.POST, EARNINGS).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, EARNINGS, EARNINGS + "/entries")
                            .hasAnyRole("COMPANION", "SUPERVISOR", "ADMIN", "SUPERADMIN")
                            .requestMatchers(HttpMethod.POST, EARNINGS + "/corrections").hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.POST, EARNINGS + "/penalties",
                                    EARNINGS + "/penalties/{penaltyId}/reversal").hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.GET, "/api/v1/audit/earnings/{companionId}").hasAnyRole(ADMINS)
                            // access: who may grant what is decided by RoleAssignmentRules; anyone reads their own
                            .requestMatchers(HttpMethod.GET, AccessController.ROLE).authenticated()
                            .requestMatchers(HttpMethod.PUT, AccessController.ROLE).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.DELETE, AccessController.ROLE + "/{role}").hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, AccessController.STAFF_ACTIONS).hasRole("SUPERADMIN")
                            // companions and teams; supervisor scoping is checked again in the use cases
                            .requestMatchers(HttpMethod.POST, CompanionsController.COMPANIONS).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, CompanionsController.COMPANIONS,
                                    CompanionsController.COMPANION).authenticated()
                            .requestMatchers(CompanionsController.OWN_PROFILE).hasRole("COMPANION")
                            .requestMatchers(HttpMethod.POST, CompanionsController.COMPANION + "/suspension",
                                    CompanionsController.COMPANION + "/reinstatement").hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.PUT, CompanionsController.COMPANION + "/team")
                            .hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.POST, TeamsController.TEAMS).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, TeamsController.TEAMS, TeamsController.TEAM)
                            .hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.PUT, TeamsController.TEAM + "/supervisor").hasAnyRole(ADMINS)
                            // members: anyone signed in manages their own data (the routes name no user);
                            // closing is refused to staff by AccountClosure
                            .requestMatchers(HttpMethod.GET, MeController.PROFILE, MeController.IDENTITIES,
                                    MeController.EXPORT).authenticated()
                            .requestMatchers(HttpMethod.PUT, MeController.PROFILE).authenticated()
                            .requestMatchers(HttpMethod.POST, MeController.IDENTITIES).authenticated()
                            .requestMatchers(HttpMethod.DELETE, MeController.ME).authenticated()
                            // money, wallets (adr/0015): the catalog is read by anyone signed in and published by
                            // superadmins; everyone reads only their own wallet (the routes name no member)
                            .requestMatchers(HttpMethod.GET, CatalogController.CATALOG).authenticated()
                            .requestMatchers(HttpMethod.POST, CatalogController.ADMIN_CATALOGS).hasRole("SUPERADMIN")
                            .requestMatchers(HttpMethod.GET, WalletController.WALLET, WalletController.MOVEMENTS)
                            .authenticated()
                            .anyRequest().denyAll();
                })
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(
                                new HearthJwtAuthenticationConverter(access)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied));
        return http.build();
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "true")
    LocalTokenIssuer localTokenIssuer(HearthAuthProperties properties, Clock clock) {
        return new LocalTokenIssuer(properties.localIssuer(), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "true")
    JwtDecoder localJwtDecoder(LocalTokenIssuer issuer) {
        return issuer.decoder();
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "false", matchIfMissing = true)
    JwtDecoder firebaseJwtDecoder(HearthAuthProperties properties) {
        String projectId = properties.firebase().projectId();
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalStateException("hearth.auth.firebase.project-id must be set when the local token "
                    + "issuer is off: Hearth verifies Firebase ID tokens of that project");
        }
        FirebaseApp app = FirebaseApp.getApps().stream()
                .filter(existing -> existing.getName().equals(FirebaseApp.DEFAULT_APP_NAME))
                .findFirst()
                .orElseGet(() -> FirebaseApp.initializeApp(FirebaseOptions.builder()
                        .setProjectId(projectId)
                        .setCredentials(credentials())
                        .build()));
        return new FirebaseTokenDecoder(FirebaseAuth.getInstance(app), properties.firebase().checkRevoked());
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
