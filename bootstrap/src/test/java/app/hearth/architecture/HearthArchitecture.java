package app.hearth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.jmolecules.archunit.JMoleculesDddRules;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * The architecture rules of Hearth, each built for a root package so that the very same rules run on the
 * production code ({@link #ROOT}) and on deliberately broken classes under a test-only root (see
 * {@code ArchitecturePlantedViolationsTest}). Under a root, the modules are the packages {@code domain},
 * {@code application}, {@code adapters} and {@code bootstrap}.
 */
final class HearthArchitecture {

    /** The root package of the production code. */
    static final String ROOT = "app.hearth";

    /** Where this test package and its planted violations live; never part of the production checks. */
    static final String ARCHITECTURE_TESTS = ROOT + ".architecture";

    /** Frameworks the pure modules must not know. */
    static final String[] FRAMEWORKS = {
            "org.springframework..",
            "org.axonframework..",
            "org.jooq..",
            "com.fasterxml.jackson..", "tools.jackson..",
            "jakarta.persistence..", "javax.persistence.."
    };

    private HearthArchitecture() {
    }

    private static final class Holder {
        static final JavaClasses PRODUCTION = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new DoNotIncludeArchitectureTests())
                .importPackages(ROOT);
    }

    /** The main classes of all four modules (no test classes, no planted violations), imported once. */
    static JavaClasses productionClasses() {
        return Holder.PRODUCTION;
    }

    /** Keeps this package, and so the planted violations, out of an import even where tests are not told apart. */
    static final class DoNotIncludeArchitectureTests implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/" + ARCHITECTURE_TESTS.replace('.', '/') + "/");
        }
    }

    // --- 1. Purity -----------------------------------------------------------------------------------------------

    /** {@code domain} and {@code application} use no Spring, Axon, jOOQ, Jackson or JPA. */
    static ArchRule domainAndApplicationUseNoFrameworks(String root) {
        return noClasses().that().resideInAnyPackage(domain(root), application(root))
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the domain and its use cases are plain Java; frameworks stay in adapters and bootstrap");
    }

    // --- 2. Module dependencies point inward ---------------------------------------------------------------------

    static ArchRule domainDependsOnNoOtherModule(String root) {
        return noClasses().that().resideInAPackage(domain(root))
                .should().dependOnClassesThat().resideInAnyPackage(application(root), adapters(root), bootstrap(root))
                .because("dependencies point inward: bootstrap -> adapters -> application -> domain");
    }

    static ArchRule applicationDependsOnlyOnDomain(String root) {
        return noClasses().that().resideInAPackage(application(root))
                .should().dependOnClassesThat().resideInAnyPackage(adapters(root), bootstrap(root))
                .because("dependencies point inward: bootstrap -> adapters -> application -> domain");
    }

    static ArchRule adaptersDoNotDependOnBootstrap(String root) {
        return noClasses().that().resideInAPackage(adapters(root))
                .should().dependOnClassesThat().resideInAPackage(bootstrap(root))
                .because("dependencies point inward: bootstrap -> adapters -> application -> domain");
    }

    // --- 3. Inbound adapters meet outbound adapters only at application ports ------------------------------------

    /**
     * Inbound adapters, in any feature (ADR 0036): REST controllers ({@code web}), provider callbacks
     * ({@code webhooks}), the WebSocket endpoint ({@code websocket}), scheduled passes ({@code jobs}) and the
     * shared security that authenticates every request.
     */
    static String[] inboundAdapters(String root) {
        return new String[] {root + ".adapters..web..", root + ".adapters..webhooks..", root + ".adapters..websocket..",
                root + ".adapters..jobs..", root + ".adapters.shared.security.."};
    }

    /**
     * Outbound adapters, in any feature: jOOQ stores, queries and projections (and the generated tables), the Axon
     * shells, command buses and event histories, the provider clients, and the Redis fan-out of real-time frames.
     */
    static String[] outboundAdapters(String root) {
        return new String[] {root + ".adapters..jooq..", root + ".adapters..axon..", root + ".adapters..stripe..",
                root + ".adapters..adapty..", root + ".adapters..livekit..", root + ".adapters..fcm..",
                root + ".adapters..apns..", root + ".adapters..firebase..", root + ".adapters..redis.."};
    }

    /**
     * The one intended use of an outbound package by an inbound adapter (ADR 0036): LiveKit's webhook verifier
     * ({@link #LIVEKIT_VERIFIER}) checks the HS256 token LiveKit signs with the codec the room tokens are signed with
     * ({@link #LIVEKIT_JWT}, and its nested types); the codec is pure code and calls no one.
     */
    static final String LIVEKIT_VERIFIER = ".adapters.media.webhooks.LiveKitWebhookVerifier";
    /** The LiveKit token codec that {@link #LIVEKIT_VERIFIER} may use, and nothing else of the LiveKit client. */
    static final String LIVEKIT_JWT = ".adapters.media.livekit.LiveKitJwt";

    static ArchRule inboundAdaptersDoNotUseOutboundAdapters(String root) {
        var outbound = JavaClass.Predicates.resideInAnyPackage(outboundAdapters(root));
        return noClasses().that().resideInAnyPackage(inboundAdapters(root))
                .should(dependOnOutboundAdaptersOtherThan(outbound, root + LIVEKIT_VERIFIER, root + LIVEKIT_JWT))
                .because("inbound and outbound adapters meet at the application's ports, never directly");
    }

    private static ArchCondition<JavaClass> dependOnOutboundAdaptersOtherThan(DescribedPredicate<JavaClass> outbound,
                                                                             String origin, String target) {
        return new ArchCondition<>("depend on classes that " + outbound.getDescription()) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass to = dependency.getTargetClass();
                    boolean intended = dependency.getOriginClass().getName().equals(origin)
                            && (to.getName().equals(target) || to.getName().startsWith(target + "$"));
                    if (outbound.test(to) && !intended) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    // --- 3b. A feature's adapters reach another feature only through application ports -------------------------

    /** Plumbing every feature may use: it knows no feature's rules (ADR 0036). */
    static String sharedAdapters(String root) {
        return root + ".adapters.shared..";
    }

    /**
     * The one intended reach from one feature's adapters into another's (ADR 0036): the calls' read-model queries
     * ({@link #CALL_QUERIES}) put the companions' "companions led by this supervisor" subquery ({@link #TEAM_REGISTRY})
     * into their own SQL, so that a team move counts in the same statement (ADR 0034); a port would load the ids first.
     */
    static final String CALL_QUERIES = ".adapters.calls.jooq.JooqCallQueries";
    /** The companions' store whose subquery {@link #CALL_QUERIES} may use, and nothing else of it. */
    static final String TEAM_REGISTRY = ".adapters.companions.jooq.JooqTeamRegistry";

    /**
     * Under {@code adapters}, each package {@code <feature>} (with its parts, as {@code money.wallet}) is a room of its
     * own: nothing in it, its Spring configuration included, depends on another feature's adapters. Features meet at
     * the application's ports; shared plumbing ({@code adapters.shared}, the generated jOOQ tables among it) is
     * allowed either way.
     */
    static ArchRule featureAdaptersDoNotReachOtherFeatures(String root) {
        return SlicesRuleDefinition.slices().matching(root + ".adapters.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(sharedAdapters(root)),
                        DescribedPredicate.alwaysTrue())
                .ignoreDependency(DescribedPredicate.alwaysTrue(),
                        JavaClass.Predicates.resideInAPackage(sharedAdapters(root)))
                .ignoreDependency(root + CALL_QUERIES, root + TEAM_REGISTRY)
                .because("a feature's adapters reach another feature only through the application's ports");
    }

    // --- 4. Commands and events are records under sealed interfaces ----------------------------------------------

    /** The top-level {@code *Command} and {@code *Event} types of the domain: the sealed roots. */
    static DescribedPredicate<JavaClass> commandOrEventRoot(String root) {
        return DescribedPredicate.describe("a top-level *Command or *Event type of " + domain(root),
                type -> isCommandOrEventRoot(type, root));
    }

    /** Types nested in, or implementing, a command or event root, other than the root itself. */
    static DescribedPredicate<JavaClass> commandOrEventMember(String root) {
        return DescribedPredicate.describe("nested in or implementing a *Command or *Event root of " + domain(root),
                type -> !isCommandOrEventRoot(type, root) && belongsToCommandOrEventRoot(type, root));
    }

    static ArchRule commandAndEventRootsAreSealedInterfaces(String root) {
        return classes().that(commandOrEventRoot(root))
                .should(beSealedInterfaces())
                .because("a sealed interface lets deciders and projections switch over every command and event");
    }

    static ArchRule commandsAndEventsAreRecords(String root) {
        return classes().that(commandOrEventMember(root)).and().areNotInterfaces()
                .should(beRecords())
                .because("commands and events are immutable values");
    }

    // --- 5. jMolecules ---------------------------------------------------------------------------------------------

    /** Every event record is a jMolecules {@link DomainEvent}: its annotation names the stored event type. */
    static ArchRule eventsAreJMoleculesDomainEvents(String root) {
        return classes().that().areRecords().and(implementAnEventRoot(root))
                .should().beAnnotatedWith(DomainEvent.class)
                .because("the @DomainEvent name is the stable stored type name of an event");
    }

    /**
     * jMolecules' DDD rules: entities and aggregates have an identifier, aggregates refer to each other by id,
     * entities belong to their aggregate, value objects refer to no entity or aggregate. They apply to whatever
     * classes they are checked against.
     */
    static ArchRule jMoleculesDddRules() {
        return JMoleculesDddRules.all();
    }

    // --- 6. A replay touches only the database ------------------------------------------------------------------

    /**
     * An event handler outside a {@code jooq} package of adapters, where projections write only their read models, has
     * effects beyond the database (a push, a payment, an analytics call) that must not happen again when its
     * processor replays the event store: it is {@code @DisallowReplay}, on the method or on its class (ADR 0024).
     * Aggregates' {@code @EventSourcingHandler}s are not event handlers of a processor and are not concerned.
     */
    static ArchRule eventHandlersOutsidePersistenceDisallowReplay(String root) {
        return methods().that().areAnnotatedWith(EventHandler.class)
                .and().areDeclaredInClassesThat().resideOutsideOfPackage(root + ".adapters..jooq..")
                .should(beDisallowedToReplay())
                .because("handlers with side effects outside the database must not re-fire on replay")
                .allowEmptyShould(true); // none yet: every event handler today is a projection
    }

    // --- Helpers -----------------------------------------------------------------------------------------------------

    static String domain(String root) {
        return root + ".domain..";
    }

    static String application(String root) {
        return root + ".application..";
    }

    static String adapters(String root) {
        return root + ".adapters..";
    }

    static String bootstrap(String root) {
        return root + ".bootstrap..";
    }

    private static boolean inDomain(JavaClass type, String root) {
        String domainPackage = root + ".domain";
        return type.getPackageName().equals(domainPackage) || type.getPackageName().startsWith(domainPackage + ".");
    }

    /**
     * A jMolecules {@code @ValueObject} named {@code *Event} is a value about the outside world (the money
     * contract's {@code PaymentEvent}, a provider's notification), not a stream of domain events: not a root.
     */
    private static boolean isCommandOrEventRoot(JavaClass type, String root) {
        return inDomain(type, root) && type.isTopLevelClass()
                && (type.getSimpleName().endsWith("Command") || type.getSimpleName().endsWith("Event"))
                && !type.isAnnotatedWith(ValueObject.class);
    }

    private static boolean isEventRoot(JavaClass type, String root) {
        return isCommandOrEventRoot(type, root) && type.getSimpleName().endsWith("Event");
    }

    private static DescribedPredicate<JavaClass> implementAnEventRoot(String root) {
        return DescribedPredicate.describe("implement a *Event root of " + domain(root),
                type -> type.getAllRawInterfaces().stream().anyMatch(parent -> isEventRoot(parent, root)));
    }

    private static boolean belongsToCommandOrEventRoot(JavaClass type, String root) {
        for (JavaClass enclosing = type; enclosing != null; enclosing = enclosing.getEnclosingClass().orElse(null)) {
            if (isCommandOrEventRoot(enclosing, root)) {
                return true;
            }
        }
        return type.getAllRawInterfaces().stream().anyMatch(parent -> isCommandOrEventRoot(parent, root));
    }

    private static ArchCondition<JavaClass> beSealedInterfaces() {
        return new ArchCondition<>("be sealed interfaces") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean sealedInterface = type.isInterface() && type.reflect().isSealed();
                events.add(new SimpleConditionEvent(type, sealedInterface,
                        type.getFullName() + (sealedInterface ? " is" : " is not") + " a sealed interface"));
            }
        };
    }

    private static ArchCondition<JavaMethod> beDisallowedToReplay() {
        return new ArchCondition<>("be @DisallowReplay (the method or its class)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean disallowed = method.isAnnotatedWith(DisallowReplay.class)
                        || method.getOwner().isAnnotatedWith(DisallowReplay.class);
                events.add(new SimpleConditionEvent(method, disallowed, method.getFullName()
                        + (disallowed ? " is" : " is not") + " @DisallowReplay"));
            }
        };
    }

    private static ArchCondition<JavaClass> beRecords() {
        return new ArchCondition<>("be records") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                events.add(new SimpleConditionEvent(type, type.isRecord(),
                        type.getFullName() + (type.isRecord() ? " is" : " is not") + " a record"));
            }
        };
    }
}
