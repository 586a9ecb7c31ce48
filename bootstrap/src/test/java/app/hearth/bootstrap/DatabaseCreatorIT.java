package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.support.TestDatabase;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The app creates its own database on a bare PostgreSQL server, once, and only when asked to. */
class DatabaseCreatorIT {

    static void prepare(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new DatabaseCreator().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(null,
                new SpringApplication(), new String[0], environment));
    }

    static boolean exists(String database) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + TestDatabase.SERVER + "/postgres",
                "postgres", "");
             var query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, database);
            return query.executeQuery().next();
        }
    }

    static void drop(String database) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + TestDatabase.SERVER + "/postgres",
                "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void createsAMissingDatabaseOnceAndLeavesAnExistingOneAlone() throws Exception {
        String database = "hearth_creator_" + ThreadLocalRandom.current().nextInt(1_000_000);
        var properties = Map.<String, Object>of("hearth.database.create-if-missing", "true",
                "spring.datasource.url", "jdbc:postgresql://" + TestDatabase.SERVER + "/" + database,
                "spring.datasource.username", "postgres");
        try {
            prepare(properties);
            assertThat(exists(database)).isTrue();
            prepare(properties);
            assertThat(exists(database)).isTrue();
        } finally {
            drop(database);
        }
    }

    @Test
    void doesNothingUnlessAskedTo() throws Exception {
        String database = "hearth_creator_" + ThreadLocalRandom.current().nextInt(1_000_000);
        prepare(Map.of("spring.datasource.url", "jdbc:postgresql://" + TestDatabase.SERVER + "/" + database));
        assertThat(exists(database)).isFalse();
    }

    @Test
    void refusesANameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> prepare(Map.of("hearth.database.create-if-missing", "true",
                "spring.datasource.url", "jdbc:postgresql://" + TestDatabase.SERVER + "/x;drop")))
                .hasMessageContaining("refusing to create database");
    }
}
