package app.hearth.bootstrap;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Hearth. Without arguments it serves the API; with {@code audit-earnings} as first argument it replays every
 * earnings account from the event store, prints a report and exits 0 clean, 1 on any mismatch, 2 when it could
 * not run ({@link AuditEarningsCommand}).
 */
@SpringBootApplication(scanBasePackages = "app.hearth")
public class HearthApplication {

    public static void main(String[] args) {
        if (args.length > 0 && AuditEarningsCommand.MODE.equals(args[0])) {
            System.exit(AuditEarningsCommand.fromCommandLine(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(HearthApplication.class, args);
    }

    /** The application without a web server, as the command-line modes (and a second node in tests) run it. */
    public static SpringApplication commandLine() {
        var application = new SpringApplication(HearthApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application;
    }
}
