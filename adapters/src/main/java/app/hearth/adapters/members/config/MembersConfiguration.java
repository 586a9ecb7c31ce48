package app.hearth.adapters.members.config;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.members.ClosedMembers;
import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.MemberListener;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.members.Members;
import app.hearth.application.members.MembersService;
import app.hearth.application.members.SubjectKeys;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the members' use cases; the closure secret comes from configuration and is required. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MembersConfiguration.MembersProperties.class)
public class MembersConfiguration {


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


    @Bean
    Members members(MemberProfiles profiles, MemberIdentities identities, ClosedMembers closed,
                    AccessAdministration access, StaffAuditTrail trail, List<MemberListener> listeners,
                    SubjectKeys keys, Transactions transactions, Clock clock) {
        return new MembersService(profiles, identities, closed, access, trail, listeners, keys, transactions, clock);
    }
}
