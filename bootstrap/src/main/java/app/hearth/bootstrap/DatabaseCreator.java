package app.hearth.bootstrap;

import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Creates the PostgreSQL database named in {@code spring.datasource.url} when it is missing, before anything
 * connects to it, so the app runs on a bare local server. On by default in the local profile only
 * ({@code hearth.database.create-if-missing}).
 */
public class DatabaseCreator implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        if (!environment.getProperty("hearth.database.create-if-missing", Boolean.class, false)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            return;
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalStateException("refusing to create database '" + database
                    + "': use lower-case letters, digits and underscores");
        }
        String maintenance = "jdbc:postgresql://" + uri.getRawAuthority() + "/postgres"
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String user = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        try (var connection = DriverManager.getConnection(maintenance, user, password);
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database " + database);
                log.info("created database {}", database);
            } catch (SQLException raced) {
                if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: another node was first
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + maintenance + " to create database "
                    + database + ": " + e.getMessage(), e);
        }
    }
}
