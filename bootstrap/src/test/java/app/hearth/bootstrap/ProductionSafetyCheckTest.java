package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * No profile named: refused, naming the profile to name. The prod and stage profiles refuse to start with a
 * development switch on, a blank required secret, push not switched explicitly or the wrong payment environment,
 * before touching anything (adr/0033).
 */
class ProductionSafetyCheckTest {

    static SpringApplication application() {
        return HearthApplication.commandLine();
    }

    static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Everything prod needs, as its operators would set it. */
    static Map<String, String> completeProd() {
        var values = new LinkedHashMap<String, String>();
        values.put("hearth.payments.environment", "live");
        values.put("hearth.members.closure-secret", "c".repeat(40));
        values.put("hearth.auth.firebase.project-id", "hearth-prod");
        values.put("hearth.payments.stripe.webhook-secret", "whsec_prod");
        values.put("hearth.payments.stripe.api-key", "rk_live_prod");
        values.put("hearth.payments.adapty.sandbox-authorization", "adapty-sandbox-prod");
        values.put("hearth.payments.adapty.production-authorization", "adapty-production-prod");
        values.put("hearth.media.livekit.url", "wss://media.hearth.app");
        values.put("hearth.media.livekit.api-key", "APIprod");
        values.put("hearth.media.livekit.api-secret", "prod-livekit-secret");
        values.put("hearth.push.apns.enabled", "true");
        values.put("hearth.push.apns.bundle-id", "app.hearth");
        values.put("hearth.push.apns.team-id", "TEAM123456");
        values.put("hearth.push.apns.key-id", "KEY1234567");
        values.put("hearth.push.apns.signing-key", "/secrets/apns.p8");
        values.put("hearth.push.fcm.enabled", "true");
        values.put("hearth.push.fcm.project-id", "hearth-prod");
        return values;
    }

    static MockEnvironment environment(String profile, Map<String, String> values) {
        var environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        values.forEach(environment::setProperty);
        return environment;
    }

    static String[] arguments(String profile, Map<String, String> values) {
        var arguments = new java.util.ArrayList<String>();
        arguments.add("--spring.profiles.active=" + profile);
        values.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    @Test
    void noProfileNamedRefusesToStartAndSaysWhichToName() {
        var environment = new MockEnvironment(); // no active profile: only Spring's "default"
        var event = new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), application(),
                new String[0], environment);
        assertThatThrownBy(() -> new ProductionSafetyCheck().onApplicationEvent(event))
                .hasMessageContaining("none is named")
                .hasMessageContaining("--spring.profiles.active=local")
                .hasMessageContaining("stage or prod");
        // and the whole application, with the tests' own default (local) taken away again
        assertThatThrownBy(() -> application().run("--spring.profiles.default=default"))
                .satisfies(failure -> assertThat(rootOf(failure))
                        .hasMessageContaining("--spring.profiles.active=local"));
    }

    @Test
    void aCompleteProdAndAStageWithPushSwitchedOffExplicitlyPass() {
        assertThat(ProductionSafetyCheck.problems(environment("prod", completeProd()))).isEmpty();
        var stage = completeProd();
        stage.put("hearth.payments.environment", "test");
        stage.put("hearth.push.apns.enabled", "false");
        stage.put("hearth.push.apns.team-id", "");
        stage.put("hearth.push.fcm.enabled", "false");
        assertThat(ProductionSafetyCheck.problems(environment("stage", stage))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hearth.auth.firebase.project-id", "hearth.payments.stripe.webhook-secret",
        "hearth.payments.stripe.api-key", "hearth.payments.adapty.sandbox-authorization",
        "hearth.payments.adapty.production-authorization", "hearth.media.livekit.url", "hearth.media.livekit.api-key",
        "hearth.media.livekit.api-secret", "hearth.members.closure-secret", "hearth.push.apns.team-id",
        "hearth.push.apns.key-id", "hearth.push.apns.signing-key", "hearth.push.fcm.project-id"})
    void aBlankRequiredValueIsNamed(String property) {
        for (String profile : new String[] {"prod", "stage"}) {
            var values = completeProd();
            values.put("hearth.payments.environment", profile.equals("prod") ? "live" : "test");
            values.put(property, " ");
            assertThat(ProductionSafetyCheck.problems(environment(profile, values)))
                    .singleElement().asString().startsWith(property + " (HEARTH_").endsWith(") is blank");
        }
    }

    @Test
    void pushIsOffOnlyWhenSwitchedOffExplicitly() {
        var values = completeProd();
        values.remove("hearth.push.apns.enabled");
        values.put("hearth.push.fcm.enabled", "");
        assertThat(ProductionSafetyCheck.problems(environment("prod", values))).containsExactly(
                "hearth.push.apns.enabled (HEARTH_PUSH_APNS_ENABLED) is not set: say true, or false to switch APNS"
                        + " pushes off",
                "hearth.push.fcm.enabled (HEARTH_PUSH_FCM_ENABLED) is not set: say true, or false to switch FCM"
                        + " pushes off");
        values.put("hearth.push.apns.enabled", "no");
        values.put("hearth.push.fcm.enabled", "false");
        assertThat(ProductionSafetyCheck.problems(environment("prod", values)))
                .containsExactly("hearth.push.apns.enabled (HEARTH_PUSH_APNS_ENABLED) is 'no': say true or false");
    }

    @Test
    void prodTakesLiveMoneyAndStageTestMoney() {
        var values = completeProd();
        values.put("hearth.payments.environment", "test");
        assertThat(ProductionSafetyCheck.problems(environment("prod", values)))
                .containsExactly("hearth.payments.environment is 'test', must be 'live' in prod");
        values.put("hearth.payments.environment", "live");
        assertThat(ProductionSafetyCheck.problems(environment("stage", values)))
                .containsExactly("hearth.payments.environment is 'live', must be 'test' in stage");
        values.remove("hearth.payments.environment");
        assertThat(ProductionSafetyCheck.problems(environment("prod", values)))
                .containsExactly("hearth.payments.environment is 'null', must be 'live' in prod");
    }

    @Test
    void developmentSwitchesAndDevelopmentValuesAreEachNamed() {
        var values = completeProd();
        values.put("hearth.database.create-if-missing", "true");
        values.put("spring.flyway.placeholders.development-catalog", "true");
        values.put("hearth.members.closure-secret", "local-development-only-closure-secret-0000");
        values.put("hearth.payments.stripe.webhook-secret", "whsec_local_development_only");
        values.put("hearth.media.livekit.api-key", "devkey");
        values.put("hearth.auth.local-issuer.enabled", "true");
        values.put("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099");
        assertThat(ProductionSafetyCheck.problems(environment("prod", values))).containsExactly(
                "the local token issuer is on (hearth.auth.local-issuer.enabled=true)",
                "FIREBASE_AUTH_EMULATOR_HOST is set (127.0.0.1:9099): tokens would not be verified",
                "database creation is on (hearth.database.create-if-missing=true): development only",
                "the made-up development catalog is kept (spring.flyway.placeholders.development-catalog=true): "
                        + "publish this environment's catalog instead",
                "hearth.members.closure-secret has the local profile's development value: set this environment's own",
                "hearth.payments.stripe.webhook-secret has the local profile's development value: set this "
                        + "environment's own",
                "hearth.media.livekit.api-key has the local profile's development value: set this environment's own");
    }

    @Test
    void theDevelopmentValuesAreThoseOfTheLocalProfileInApplicationYml() {
        assertThat(ProductionSafetyCheck.developmentValues(new ClassPathResource("application.yml")))
                .containsOnlyKeys(ProductionSafetyCheck.DEVELOPMENT_SECRETS)
                .containsEntry("hearth.members.closure-secret", "local-development-only-closure-secret-0000")
                .containsEntry("hearth.payments.stripe.webhook-secret", "whsec_local_development_only")
                .containsEntry("hearth.media.livekit.api-secret", "secret");
    }

    @Test
    void aDevelopmentValueChangedInTheLocalProfileIsTheOneRefused() {
        String yaml = """
                hearth:
                  members:
                    closure-secret: ${HEARTH_MEMBERS_CLOSURE_SECRET:}
                ---
                spring:
                  config:
                    activate:
                      on-profile: local
                hearth:
                  members:
                    closure-secret: ${HEARTH_MEMBERS_CLOSURE_SECRET:a-new-local-secret}
                  payments:
                    stripe:
                      webhook-secret: whsec_plain_value
                    adapty:
                      sandbox-authorization: ${HEARTH_ADAPTY_SANDBOX_AUTHORIZATION:sandbox}
                      production-authorization: ${HEARTH_ADAPTY_PRODUCTION_AUTHORIZATION:production}
                  media:
                    livekit:
                      api-key: ${HEARTH_LIVEKIT_API_KEY:devkey}
                      api-secret: ${HEARTH_LIVEKIT_API_SECRET:secret}
                """;
        assertThat(ProductionSafetyCheck.developmentValues(new ByteArrayResource(yaml.getBytes(), "test.yml")))
                .containsEntry("hearth.members.closure-secret", "a-new-local-secret")
                .containsEntry("hearth.payments.stripe.webhook-secret", "whsec_plain_value");
        String withoutOne = yaml.replace("      api-secret: ${HEARTH_LIVEKIT_API_SECRET:secret}\n", "");
        assertThatThrownBy(() -> ProductionSafetyCheck.developmentValues(
                new ByteArrayResource(withoutOne.getBytes(), "test.yml")))
                .hasMessageContaining("gives hearth.media.livekit.api-secret no development value");
    }

    @Test
    void theAuditModeNeedsOnlyTheDatabaseAndTheClosureSecret() {
        var values = new LinkedHashMap<String, String>();
        values.put("hearth.mode", "audit-earnings");
        values.put("hearth.payments.environment", "live");
        values.put("hearth.members.closure-secret", "c".repeat(40));
        assertThat(ProductionSafetyCheck.problems(environment("prod", values))).isEmpty();
        values.put("hearth.database.create-if-missing", "true");
        assertThat(ProductionSafetyCheck.problems(environment("prod", values))).hasSize(1);
    }

    @Test
    void theLocalProfileIsNotGuarded() {
        assertThat(ProductionSafetyCheck.problems(environment("local", Map.of(
                "hearth.auth.local-issuer.enabled", "true", "hearth.database.create-if-missing", "true")))).isEmpty();
    }

    @Test
    void prodFromApplicationYmlWithOneBlankSecretNamesExactlyThatSecret() {
        var values = completeProd();
        values.remove("hearth.payments.environment"); // prod's own section sets live
        values.put("hearth.payments.stripe.webhook-secret", "");
        assertThatThrownBy(() -> application().run(arguments("prod", values)))
                .satisfies(failure -> assertThat(rootOf(failure)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("Hearth refuses to start in prod: hearth.payments.stripe.webhook-secret "
                                + "(HEARTH_STRIPE_WEBHOOK_SECRET) is blank"));
    }

    @Test
    void prodFromApplicationYmlAloneRefusesPushLeftUnsaid() {
        var values = completeProd();
        values.remove("hearth.push.apns.enabled");
        values.remove("hearth.push.fcm.enabled");
        assertThatThrownBy(() -> application().run(arguments("prod", values)))
                .satisfies(failure -> assertThat(rootOf(failure).getMessage())
                        .contains("hearth.push.apns.enabled (HEARTH_PUSH_APNS_ENABLED) is not set")
                        .contains("hearth.push.fcm.enabled (HEARTH_PUSH_FCM_ENABLED) is not set")
                        .doesNotContain("hearth.payments.environment"));
    }

    @Test
    void prodRefusesTheLocalTokenIssuer() {
        assertThatThrownBy(() -> application().run("--spring.profiles.active=prod",
                "--hearth.auth.local-issuer.enabled=true"))
                .satisfies(failure -> assertThat(rootOf(failure)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("refuses to start in prod")
                        .hasMessageContaining("local token issuer"));
    }

    @Test
    void prodRefusesAFirebaseAuthEmulatorHost() {
        assertThatThrownBy(() -> application().run("--spring.profiles.active=prod",
                "--FIREBASE_AUTH_EMULATOR_HOST=127.0.0.1:9099"))
                .satisfies(failure -> assertThat(rootOf(failure)).hasMessageContaining("FIREBASE_AUTH_EMULATOR_HOST"));
    }

    @Test
    void stageIsGuardedToo() {
        assertThatThrownBy(() -> application().run("--spring.profiles.active=stage",
                "--hearth.auth.local-issuer.enabled=true"))
                .satisfies(failure -> assertThat(rootOf(failure)).hasMessageContaining("refuses to start in stage"));
    }

    @Test
    void prodWithoutAFirebaseProjectRefusesToStartWithAClearMessage() {
        var values = completeProd();
        values.remove("hearth.payments.environment");
        values.put("hearth.auth.firebase.project-id", "");
        var web = new SpringApplication(HearthApplication.class);
        assertThatThrownBy(() -> web.run(arguments("prod", values)))
                .satisfies(failure -> assertThat(rootOf(failure))
                        .hasMessageContaining("hearth.auth.firebase.project-id (HEARTH_FIREBASE_PROJECT_ID) is blank"));
    }
}
