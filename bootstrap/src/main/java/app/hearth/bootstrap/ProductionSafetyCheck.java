package app.hearth.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Start-up guards, before anything connects or listens (adr/0033). Without a profile named Hearth refuses to
 * start and says which to name, so no jar serves the local token issuer unless asked to. In {@code stage} and
 * {@code prod} it refuses, naming every problem at once, when a development switch is on (the local token issuer, a
 * Firebase Auth emulator host, database creation, the made-up development catalog, a development value of a secret),
 * when the payment environment is not the profile's, when push is not switched on or off explicitly, and, for the
 * server, when a required secret or value is blank.
 */
public class ProductionSafetyCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String NO_PROFILE = "Hearth needs a profile and none is named: run with "
            + "--spring.profiles.active=local to develop on this machine (local token issuer, local PostgreSQL), "
            + "or --spring.profiles.active=stage or prod with their settings (README, Configuration)";

    /**
     * The secrets the local profile gives a development value: none of those values may reach stage or prod. The
     * values themselves are read from the {@code local} document of {@code application.yml} (the default of each
     * {@code ${VARIABLE:default}}), so they have one home ({@link #developmentValues}).
     */
    static final List<String> DEVELOPMENT_SECRETS = List.of(
            "hearth.members.closure-secret",
            "hearth.payments.stripe.webhook-secret",
            "hearth.payments.adapty.sandbox-authorization",
            "hearth.payments.adapty.production-authorization",
            "hearth.media.livekit.api-key",
            "hearth.media.livekit.api-secret");

    private static final Map<String, String> DEVELOPMENT_VALUES = developmentValues(
            new ClassPathResource("application.yml"));

    /** What the server needs in stage and prod, and the environment variable that gives it. */
    private static final Map<String, String> SERVER_REQUIRES = orderedMap(
            "hearth.auth.firebase.project-id", "HEARTH_FIREBASE_PROJECT_ID",
            "hearth.payments.stripe.webhook-secret", "HEARTH_STRIPE_WEBHOOK_SECRET",
            "hearth.payments.stripe.api-key", "HEARTH_STRIPE_API_KEY",
            "hearth.payments.adapty.sandbox-authorization", "HEARTH_ADAPTY_SANDBOX_AUTHORIZATION",
            "hearth.payments.adapty.production-authorization", "HEARTH_ADAPTY_PRODUCTION_AUTHORIZATION",
            "hearth.media.livekit.url", "HEARTH_LIVEKIT_URL",
            "hearth.media.livekit.api-key", "HEARTH_LIVEKIT_API_KEY",
            "hearth.media.livekit.api-secret", "HEARTH_LIVEKIT_API_SECRET");

    private static final Map<String, String> APNS_REQUIRES = orderedMap(
            "hearth.push.apns.bundle-id", "HEARTH_PUSH_APNS_BUNDLE_ID",
            "hearth.push.apns.team-id", "HEARTH_PUSH_APNS_TEAM_ID",
            "hearth.push.apns.key-id", "HEARTH_PUSH_APNS_KEY_ID",
            "hearth.push.apns.signing-key", "HEARTH_PUSH_APNS_SIGNING_KEY");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("local | stage | prod"))) {
            throw new Refused(NO_PROFILE, List.of(), "Name a profile: --spring.profiles.active=local (or the "
                    + "SPRING_PROFILES_ACTIVE environment variable), stage or prod.");
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            String profiles = String.join(",", environment.getActiveProfiles());
            throw new Refused("Hearth refuses to start in " + profiles + ": " + String.join("; ", problems),
                    problems, "Set each value named above for " + profiles + " (README, Configuration; adr/0033).");
        }
    }

    /** A refusal to start: the whole reason in one message, each problem, and what to do. */
    public static final class Refused extends IllegalStateException {

        private final transient List<String> problems;
        private final String action;

        Refused(String message, List<String> problems, String action) {
            super(message);
            this.problems = List.copyOf(problems);
            this.action = action;
        }

        /** The start-up failure report: one problem a line, then what to do (no stack trace). */
        static final class Analyzer extends AbstractFailureAnalyzer<Refused> {
            @Override
            protected FailureAnalysis analyze(Throwable rootFailure, Refused refused) {
                String description = refused.problems.isEmpty() ? refused.getMessage()
                        : refused.getMessage().substring(0, refused.getMessage().indexOf(':') + 1)
                                + refused.problems.stream().map(problem -> "\n  - " + problem)
                                        .collect(java.util.stream.Collectors.joining());
                return new FailureAnalysis(description, refused.action, refused);
            }
        }
    }

    /** Everything wrong with a stage or prod environment; nothing for any other profile. */
    static List<String> problems(Environment environment) {
        boolean prod = Arrays.asList(environment.getActiveProfiles()).contains("prod");
        boolean stage = Arrays.asList(environment.getActiveProfiles()).contains("stage");
        var problems = new ArrayList<String>();
        if (!prod && !stage) {
            return problems;
        }
        if (prod && stage) {
            problems.add("both stage and prod are active: name one");
        }
        if (environment.getProperty("hearth.auth.local-issuer.enabled", Boolean.class, false)) {
            problems.add("the local token issuer is on (hearth.auth.local-issuer.enabled=true)");
        }
        String emulator = environment.getProperty("FIREBASE_AUTH_EMULATOR_HOST");
        if (emulator != null && !emulator.isBlank()) {
            problems.add("FIREBASE_AUTH_EMULATOR_HOST is set (" + emulator + "): tokens would not be verified");
        }
        if (environment.getProperty("hearth.database.create-if-missing", Boolean.class, false)) {
            problems.add("database creation is on (hearth.database.create-if-missing=true): development only");
        }
        if ("true".equals(environment.getProperty("spring.flyway.placeholders.development-catalog"))) {
            problems.add("the made-up development catalog is kept (spring.flyway.placeholders.development-catalog"
                    + "=true): publish this environment's catalog instead");
        }
        DEVELOPMENT_SECRETS.forEach(property -> {
            String development = DEVELOPMENT_VALUES.get(property);
            if (development.equals(strip(environment.getProperty(property)))) {
                problems.add(property + " has the local profile's development value: set this environment's own");
            }
        });
        String expected = prod ? "live" : "test";
        String payments = environment.getProperty("hearth.payments.environment");
        if (!expected.equals(payments == null ? null : payments.strip())) {
            problems.add("hearth.payments.environment is '" + payments + "', must be '" + expected + "' in "
                    + (prod ? "prod" : "stage"));
        }
        requireSet(environment, problems, "hearth.members.closure-secret", "HEARTH_MEMBERS_CLOSURE_SECRET");
        if (!"server".equals(environment.getProperty("hearth.mode", "server"))) {
            return problems; // a command-line mode needs only the database and the closure secret
        }
        SERVER_REQUIRES.forEach((property, variable) -> requireSet(environment, problems, property, variable));
        for (String provider : List.of("apns", "fcm")) {
            String switchedOn = environment.getProperty("hearth.push." + provider + ".enabled");
            String variable = "HEARTH_PUSH_" + provider.toUpperCase(Locale.ROOT) + "_ENABLED";
            if (switchedOn == null || switchedOn.isBlank()) {
                problems.add("hearth.push." + provider + ".enabled (" + variable + ") is not set: say true, or false"
                        + " to switch " + provider.toUpperCase(Locale.ROOT) + " pushes off");
            } else if (!switchedOn.strip().equals("true") && !switchedOn.strip().equals("false")) {
                problems.add("hearth.push." + provider + ".enabled (" + variable + ") is '" + switchedOn
                        + "': say true or false");
            }
        }
        if ("true".equals(strip(environment.getProperty("hearth.push.apns.enabled")))) {
            APNS_REQUIRES.forEach((property, variable) -> requireSet(environment, problems, property, variable));
        }
        if ("true".equals(strip(environment.getProperty("hearth.push.fcm.enabled")))) {
            requireSet(environment, problems, "hearth.push.fcm.project-id", "HEARTH_FIREBASE_PROJECT_ID");
        }
        return problems;
    }

    private static void requireSet(Environment environment, List<String> problems, String property, String variable) {
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            problems.add(property + " (" + variable + ") is blank");
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /**
     * The development value of every {@link #DEVELOPMENT_SECRETS} property, as the {@code local} document of
     * {@code configuration} gives it: the default after the colon of {@code ${VARIABLE:default}}, or the plain value.
     *
     * @throws IllegalStateException when the local document has no development value for one of them
     */
    static Map<String, String> developmentValues(Resource configuration) {
        List<PropertySource<?>> documents;
        try {
            documents = new YamlPropertySourceLoader().load(configuration.getDescription(), configuration);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + configuration.getDescription(), unreadable);
        }
        PropertySource<?> local = documents.stream()
                .filter(document -> "local".equals(String.valueOf(
                        document.getProperty("spring.config.activate.on-profile"))))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(configuration.getDescription()
                        + " has no document for the local profile"));
        var values = new LinkedHashMap<String, String>();
        for (String property : DEVELOPMENT_SECRETS) {
            Object raw = local.getProperty(property);
            String value = raw == null ? "" : raw.toString().strip();
            if (value.startsWith("${") && value.endsWith("}") && value.contains(":")) {
                value = value.substring(value.indexOf(':') + 1, value.length() - 1);
            }
            if (value.isBlank() || value.startsWith("${")) {
                throw new IllegalStateException("the local profile of " + configuration.getDescription()
                        + " gives " + property + " no development value");
            }
            values.put(property, value);
        }
        return Map.copyOf(values);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
