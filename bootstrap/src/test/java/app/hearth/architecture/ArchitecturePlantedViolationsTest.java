package app.hearth.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.architecture.planted.adapters.calls.jobs.LeakyJob;
import app.hearth.architecture.planted.adapters.calls.web.LeakyController;
import app.hearth.architecture.planted.adapters.earnings.config.CrossWiringConfiguration;
import app.hearth.architecture.planted.adapters.earnings.jooq.NosyEarningsQueries;
import app.hearth.architecture.planted.adapters.media.webhooks.LeakyWebhook;
import app.hearth.architecture.planted.adapters.push.apns.ReplayingPushHandler;
import app.hearth.architecture.planted.application.AxonDrivenUseCase;
import app.hearth.architecture.planted.application.JsonShapedReceipt;
import app.hearth.architecture.planted.domain.AggregateWithoutIdentity;
import app.hearth.architecture.planted.domain.OutwardLookingPolicy;
import app.hearth.architecture.planted.domain.PlantedCommand;
import app.hearth.architecture.planted.domain.PlantedEvent;
import app.hearth.architecture.planted.domain.SpringAwareLedger;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.jmolecules.ddd.annotation.Identity;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link HearthArchitecture}, built for the test-only root {@value #PLANTED}, fail on the
 * deliberately broken classes there, and name the class that breaks them.
 */
class ArchitecturePlantedViolationsTest {

    static final String PLANTED = "app.hearth.architecture.planted";

    static final JavaClasses PLANTED_CLASSES = new ClassFileImporter().importPackages(PLANTED);

    /** The rule fails on the planted classes, and its report names every offender. */
    static void assertCaught(ArchRule rule, Class<?>... offenders) {
        var thrown = assertThatThrownBy(() -> rule.check(PLANTED_CLASSES)).isInstanceOf(AssertionError.class);
        for (Class<?> offender : offenders) {
            thrown.hasMessageContaining(offender.getName());
        }
    }

    @Test
    void springAxonOrJacksonInDomainOrApplicationIsCaught() {
        assertCaught(HearthArchitecture.domainAndApplicationUseNoFrameworks(PLANTED),
                SpringAwareLedger.class, AxonDrivenUseCase.class, JsonShapedReceipt.class);
    }

    @Test
    void aDomainThatUsesTheApplicationIsCaught() {
        assertCaught(HearthArchitecture.domainDependsOnNoOtherModule(PLANTED), OutwardLookingPolicy.class);
    }

    @Test
    void anApplicationThatUsesAnAdapterIsCaught() {
        assertCaught(HearthArchitecture.applicationDependsOnlyOnDomain(PLANTED), AxonDrivenUseCase.class);
    }

    @Test
    void anAdapterThatUsesBootstrapIsCaught() {
        assertCaught(HearthArchitecture.adaptersDoNotDependOnBootstrap(PLANTED), LeakyController.class);
    }

    @Test
    void inboundAdaptersThatUseOutboundAdaptersDirectlyAreCaught() {
        assertCaught(HearthArchitecture.inboundAdaptersDoNotUseOutboundAdapters(PLANTED),
                LeakyController.class, LeakyJob.class, LeakyWebhook.class);
    }

    @Test
    void aFeatureWhoseAdaptersReachAnotherFeatureIsCaughtButSharedPlumbingIsNot() {
        var thrown = assertThatThrownBy(() -> HearthArchitecture.featureAdaptersDoNotReachOtherFeatures(PLANTED)
                .check(PLANTED_CLASSES)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(NosyEarningsQueries.class.getName())
                .hasMessageContaining(CrossWiringConfiguration.class.getName());
        thrown.hasMessageNotContaining("PlantedBatch");
    }

    @Test
    void anEventHandlerWithSideEffectsThatReplaysIsCaughtButNotOneThatDisallowsIt() {
        var thrown = assertThatThrownBy(() -> HearthArchitecture.eventHandlersOutsidePersistenceDisallowReplay(PLANTED)
                .check(PLANTED_CLASSES)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(ReplayingPushHandler.class.getName() + ".on(")
                .hasMessageNotContaining(ReplayingPushHandler.class.getName() + ".onceOnly(");
        thrown.hasMessageNotContaining("PlantedProjection");
    }

    @Test
    void anEventRootThatIsNotSealedIsCaught() {
        assertCaught(HearthArchitecture.commandAndEventRootsAreSealedInterfaces(PLANTED), PlantedEvent.class);
    }

    @Test
    void aCommandThatIsAClassButNotARecordIsCaught() {
        assertCaught(HearthArchitecture.commandsAndEventsAreRecords(PLANTED), PlantedCommand.MutableCommand.class);
    }

    @Test
    void anEventRecordWithoutDomainEventIsCaught() {
        assertCaught(HearthArchitecture.eventsAreJMoleculesDomainEvents(PLANTED), PlantedEvent.UnnamedEvent.class);
    }

    @Test
    void anAggregateRootWithoutIdentityIsCaughtByJMolecules() {
        // jMolecules abbreviates package names in its report (a.h.a.p.d.AggregateWithoutIdentity).
        assertThatThrownBy(() -> HearthArchitecture.jMoleculesDddRules().check(PLANTED_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(AggregateWithoutIdentity.class.getSimpleName()
                        + " must declare a field or a method annotated with " + Identity.class.getName());
    }

    @Test
    void theRecordsRuleBlamesOnlyTheClassThatIsNotARecord() {
        var withoutTheMutableCommand = PLANTED_CLASSES.that(DescribedPredicate.describe("not the mutable command",
                type -> !type.isEquivalentTo(PlantedCommand.MutableCommand.class)));

        assertThatCode(() -> HearthArchitecture.commandsAndEventsAreRecords(PLANTED).check(withoutTheMutableCommand))
                .doesNotThrowAnyException();
    }
}
