package app.hearth.adapters.access.config;

import app.hearth.adapters.access.jobs.RoleClaimRelay;
import app.hearth.adapters.access.jooq.RecentRoles;
import app.hearth.adapters.shared.notify.PgNotifications;
import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.AccessAdministrationService;
import app.hearth.application.access.IdentityProviderClaims;
import app.hearth.application.access.RoleRegistry;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Builds the access use cases, names the configured superadmins and keeps publishing role claims. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AccessConfiguration.AccessProperties.class)
public class AccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);

    /**
     * {@code hearth.access.superadmins}: user ids that hold superadmin (set at start-up; nobody can grant it).
     * {@code hearth.access.claim-batch-size}: role claims published per pass.
     * {@code hearth.access.remember-roles-for}: the longest a caller's role is used from memory (adr/0027; zero
     * reads it on every request).
     */
    @ConfigurationProperties("hearth.access")
    public record AccessProperties(List<String> superadmins, Integer claimBatchSize, Duration rememberRolesFor) {
        public AccessProperties {
            superadmins = superadmins == null ? List.of() : List.copyOf(superadmins);
            claimBatchSize = claimBatchSize == null ? 50 : claimBatchSize;
            rememberRolesFor = rememberRolesFor == null ? Duration.ofMinutes(1) : rememberRolesFor;
        }
    }

    /** Callers' roles in memory for authentication, forgotten on every node when they change (adr/0027). */
    @Bean
    RecentRoles recentRoles(DSLContext sql, PgNotifications notifications, AccessProperties properties) {
        return RecentRoles.of(sql, notifications, properties.rememberRolesFor());
    }

    /**
     * The identity provider that receives role claims is Firebase when it is configured ({@code
     * FirebaseConfiguration}: web server with the local issuer off). Anywhere else (local runs, command-line
     * modes) role claims are only logged. A fallback looked up when the service is built, not a conditional bean,
     * so the choice never depends on the order in which configuration classes are read.
     */
    @Bean
    AccessAdministration accessAdministration(RoleRegistry roles, StaffAuditTrail trail,
                                              ObjectProvider<IdentityProviderClaims> identityProvider,
                                              Transactions transactions, Clock clock) {
        IdentityProviderClaims claims = identityProvider.getIfAvailable(() -> (userId, role) -> log.info(
                "role claim of {} is now {} (no identity provider in this profile)", userId, role));
        return new AccessAdministrationService(roles, trail, claims, transactions, clock);
    }

    @Bean
    ApplicationRunner configuredSuperadmins(AccessAdministration access, AccessProperties properties) {
        return arguments -> properties.superadmins().stream().filter(id -> !id.isBlank()).forEach(userId -> {
            access.assignBySystem("configuration", userId, Role.SUPERADMIN);
            log.info("{} is a superadmin (hearth.access.superadmins)", userId);
        });
    }

    /** Publishes queued role claims to the identity provider, with back-off per user on failure. */
    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    RoleClaimRelay roleClaimRelay(AccessAdministration access, AccessProperties properties) {
        return new RoleClaimRelay(access, properties.claimBatchSize());
    }
}
