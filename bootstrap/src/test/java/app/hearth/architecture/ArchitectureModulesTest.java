package app.hearth.architecture;

import static app.hearth.architecture.HearthArchitecture.ROOT;
import static app.hearth.architecture.HearthArchitecture.productionClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;

class ArchitectureModulesTest {

    @Test
    void domainAndApplicationUseNoSpringAxonJooqJacksonOrJpa() {
        HearthArchitecture.domainAndApplicationUseNoFrameworks(ROOT).check(productionClasses());
    }

    @Test
    void domainDependsOnNoOtherModule() {
        HearthArchitecture.domainDependsOnNoOtherModule(ROOT).check(productionClasses());
    }

    @Test
    void applicationDependsOnTheDomainButNeitherOnAdaptersNorOnBootstrap() {
        HearthArchitecture.applicationDependsOnlyOnDomain(ROOT).check(productionClasses());
    }

    @Test
    void adaptersDoNotDependOnBootstrap() {
        HearthArchitecture.adaptersDoNotDependOnBootstrap(ROOT).check(productionClasses());
    }

    @Test
    void inboundAdaptersUseNeitherJooqNorAxonNorProviderClientsButMeetThemAtApplicationPorts() {
        HearthArchitecture.inboundAdaptersDoNotUseOutboundAdapters(ROOT).check(productionClasses());
    }

    @Test
    void aFeaturesAdaptersReachAnotherFeatureOnlyThroughApplicationPorts() {
        HearthArchitecture.featureAdaptersDoNotReachOtherFeatures(ROOT).check(productionClasses());
    }

    @Test
    void eventHandlersOutsidePersistenceDoNotReplay() {
        HearthArchitecture.eventHandlersOutsidePersistenceDisallowReplay(ROOT).check(productionClasses());
    }

    @Test
    void theChecksSeeEveryModuleAndNoTestClass() {
        var packages = productionClasses().stream().map(JavaClass::getPackageName).toList();

        assertThat(packages).anyMatch(name -> name.startsWith(ROOT + ".domain"))
                .anyMatch(name -> name.startsWith(ROOT + ".application"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.calls.web"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.calls.webhooks"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.calls.jobs"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.calls.jooq"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.calls.axon"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.media.livekit"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.shared.jooq.generated"))
                .anyMatch(name -> name.startsWith(ROOT + ".adapters.shared.security"))
                .anyMatch(name -> name.startsWith(ROOT + ".bootstrap"))
                .noneMatch(name -> name.startsWith(HearthArchitecture.ARCHITECTURE_TESTS));
        assertThat(productionClasses().stream().map(type -> type.getSource().orElseThrow().getUri().toString()))
                .noneMatch(location -> location.contains("/test-classes/"));
    }
}
