package app.hearth.architecture;

import static app.hearth.architecture.HearthArchitecture.ROOT;
import static app.hearth.architecture.HearthArchitecture.productionClasses;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.earnings.EarningsAccount;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.earnings.LedgerEntry;
import com.tngtech.archunit.core.domain.JavaClass;
import java.lang.annotation.Annotation;
import java.util.List;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Entity;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jmolecules.event.annotation.DomainEvent;
import org.junit.jupiter.api.Test;

class ArchitectureDomainModelTest {

    @Test
    void commandAndEventRootsAreSealedInterfaces() {
        HearthArchitecture.commandAndEventRootsAreSealedInterfaces(ROOT).check(productionClasses());
    }

    @Test
    void everyCommandAndEventClassIsARecord() {
        HearthArchitecture.commandsAndEventsAreRecords(ROOT).check(productionClasses());
    }

    @Test
    void everyEventRecordIsAJMoleculesDomainEvent() {
        HearthArchitecture.eventsAreJMoleculesDomainEvents(ROOT).check(productionClasses());
    }

    @Test
    void jMoleculesDddRulesHoldForAggregatesEntitiesAndValueObjects() {
        HearthArchitecture.jMoleculesDddRules().check(productionClasses());
    }

    @Test
    void theRulesAboveSeeTheKnownCommandsEventsAndBuildingBlocks() {
        var classes = productionClasses();

        assertThat(HearthArchitecture.commandOrEventRoot(ROOT))
                .accepts(classes.get(EarningsCommand.class), classes.get(EarningsEvent.class));
        assertThat(HearthArchitecture.commandOrEventMember(ROOT))
                .accepts(classes.get(EarningsCommand.CreditActivity.class),
                        classes.get(EarningsEvent.EntryRecorded.class),
                        classes.get(EarningsEvent.PenaltyApplied.class));
        assertThat(classes.get(EarningsAccount.Open.class).isAnnotatedWith(AggregateRoot.class)).isTrue();
        assertThat(classes.get(LedgerEntry.class).isAnnotatedWith(Entity.class)).isTrue();
        assertThat(simpleNamesAnnotatedWith(ValueObject.class))
                .contains("AppliedMultiplier", "CreditContext", "NightHours", "HighRating", "Actor");
        assertThat(simpleNamesAnnotatedWith(DomainEvent.class)).contains("EarningsAccountOpened", "ActivityCredited",
                "PenaltyApplied", "PenaltyReversed", "BalanceCorrected");
    }

    static List<String> simpleNamesAnnotatedWith(Class<? extends Annotation> annotation) {
        return productionClasses().stream().filter(type -> type.isAnnotatedWith(annotation))
                .map(JavaClass::getSimpleName).toList();
    }
}
