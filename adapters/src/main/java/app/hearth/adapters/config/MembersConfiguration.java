package app.hearth.adapters.config;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.members.ClosedMembers;
import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.MemberIdentityListener;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.members.Members;
import app.hearth.application.members.MembersService;
import app.hearth.application.members.SubjectKeys;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the members' use cases; the closure secret comes from configuration and is required. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MembersConfiguration.MembersProperties.class)
public class MembersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MembersConfiguration.class);

    /**
     * {@code hearth.members.closure-secret}: the key of the one-way hash that recognises a closed account
     * (at least 32 characters; never change it, or earlier closures are no longer recognised).
     */
    @ConfigurationProperties("hearth.members")
    public record MembersProperties(String closureSecret) {
    }

    @Bean
    SubjectKeys subjectKeys(MembersProperties properties) {
        String secret = properties.closureSecret();
        if (secret == null || secret.length() < SubjectKeys.MIN_SECRET_LENGTH) {
            throw new IllegalStateException("hearth.members.closure-secret (HEARTH_MEMBERS_CLOSURE_SECRET) must be "
                    + "set to at least " + SubjectKeys.MIN_SECRET_LENGTH + " characters: it keys the hash that "
                    + "recognises closed accounts");
        }
        return new SubjectKeys(secret);
    }

    /** Nobody listens yet: the money side will claim pending purchases here. */
    @Bean
    @ConditionalOnMissingBean
    MemberIdentityListener noMemberIdentityListener() {
        return attached -> log.debug("{} attached to a member; no listener yet", attached.kind().code());
    }

    @Bean
    Members members(MemberProfiles profiles, MemberIdentities identities, ClosedMembers closed,
                    AccessAdministration access, StaffAuditTrail trail, MemberIdentityListener listener,
                    SubjectKeys keys, Transactions transactions, Clock clock) {
        return new MembersService(profiles, identities, closed, access, trail, listener, keys, transactions, clock);
    }
}
