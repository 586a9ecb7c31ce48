package app.hearth.support;

import app.hearth.bootstrap.HearthApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full Hearth on a random port, on this run's fresh database ({@link TestDatabase}), in the local profile
 * (local token issuer on). Every subclass shares one application context, whose rate limits are so high that no
 * test is throttled (RateLimitIT has a context of its own with small ones), and which leaves the waiting queue to
 * the routing tests' context.
 */
@SpringBootTest(classes = HearthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hearth.rate-limits.auth.capacity=1000000",
            "hearth.rate-limits.write.capacity=1000000",
            "hearth.rate-limits.read.capacity=1000000",
            // contexts of other test classes share the database with their own clocks: only the routing tests'
            // context serves the queue, so no other one offers their waiting members by another clock
            "hearth.routing.dispatcher.enabled=false"
        })
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.URL);
    }

    /** An HTTP client for this application, signed in as {@code userId} in {@code role}. */
    protected Api as(String role, String userId) {
        return Api.at(port).signedInAs(userId, role);
    }

    /** An HTTP client with no token. */
    protected Api anonymous() {
        return Api.at(port);
    }
}
