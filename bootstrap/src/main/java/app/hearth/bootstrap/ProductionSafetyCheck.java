package app.hearth.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the {@code prod} (or {@code stage}) profile with a development switch on: the local token
 * issuer, or a Firebase Auth emulator host (which makes firebase-admin accept unsigned tokens).
 */
public class ProductionSafetyCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        boolean guarded = Arrays.stream(environment.getActiveProfiles())
                .anyMatch(profile -> profile.equals("prod") || profile.equals("stage"));
        if (!guarded) {
            return;
        }
        var problems = new ArrayList<String>();
        if (environment.getProperty("hearth.auth.local-issuer.enabled", Boolean.class, false)) {
            problems.add("the local token issuer is on (hearth.auth.local-issuer.enabled=true)");
        }
        String emulator = environment.getProperty("FIREBASE_AUTH_EMULATOR_HOST");
        if (emulator != null && !emulator.isBlank()) {
            problems.add("FIREBASE_AUTH_EMULATOR_HOST is set (" + emulator + "): tokens would not be verified");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Hearth refuses to start in " + String.join(",",
                    environment.getActiveProfiles()) + ": " + String.join("; ", problems));
        }
    }
}
