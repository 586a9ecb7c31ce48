package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.TestDatabase;
import java.sql.DriverManager;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The made-up catalog of the development seed stays only in the local profile: stage and prod databases start with
 * no catalog, and their superadmin publishes their own provider ids (adr/0033).
 */
class DevelopmentCatalogIT {

    @Test
    void onlyTheLocalProfileKeepsTheDevelopmentCatalog() throws Exception {
        assertThat(catalogAfterMigrating("catalog_local", "true")).isEqualTo("versions=1 products=7");
        assertThat(catalogAfterMigrating("catalog_prod", "false")).isEqualTo("versions=0 products=0");
    }

    private static String catalogAfterMigrating(String purpose, String developmentCatalog) throws Exception {
        String url = TestDatabase.another(purpose);
        Flyway.configure().dataSource(url, TestDatabase.USER, "").locations("classpath:db/migration")
                .placeholders(Map.of("development-catalog", developmentCatalog)).load().migrate();
        try (var connection = DriverManager.getConnection(url, TestDatabase.USER, "");
             var rows = connection.createStatement().executeQuery("select (select count(*) from catalog_version),"
                     + " (select count(*) from catalog_product)")) {
            rows.next();
            return "versions=" + rows.getInt(1) + " products=" + rows.getInt(2);
        }
    }
}
