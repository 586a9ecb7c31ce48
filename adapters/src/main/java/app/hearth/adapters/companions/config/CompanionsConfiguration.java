package app.hearth.adapters.companions.config;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.access.TeamDirectory;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.companions.Companions;
import app.hearth.application.companions.FavoriteCompanionsService;
import app.hearth.application.companions.FavoriteRegistry;
import app.hearth.application.companions.CompanionsService;
import app.hearth.application.companions.HostAddresses;
import app.hearth.application.companions.TeamRegistry;
import app.hearth.application.companions.Teams;
import app.hearth.application.companions.TeamsService;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the companion and team use cases. */
@Configuration(proxyBeanMethods = false)
public class CompanionsConfiguration {

    @Bean
    Companions companions(CompanionRegistry companions, TeamDirectory teams, AccessAdministration access,
                          StaffAuditTrail trail, HostAddresses hosts, Transactions transactions, Clock clock) {
        return new CompanionsService(companions, teams, access, trail, hosts, transactions, clock);
    }

    /** Members' favorite companions; also hears of closing accounts (MembersService calls every MemberListener). */
    @Bean
    FavoriteCompanionsService favoriteCompanions(FavoriteRegistry favorites, Companions companions,
                                                 CompanionRegistry registry, Transactions transactions, Clock clock) {
        return new FavoriteCompanionsService(favorites, companions, registry, transactions, clock);
    }

    @Bean
    Teams teams(TeamRegistry teams, CompanionRegistry companions, AccessAdministration access, StaffAuditTrail trail,
                Transactions transactions, Clock clock) {
        return new TeamsService(teams, companions, access, trail, transactions, clock);
    }
}
