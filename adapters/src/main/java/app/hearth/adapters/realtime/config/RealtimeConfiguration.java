package app.hearth.adapters.realtime.config;

import app.hearth.adapters.realtime.websocket.PresenceReports;
import app.hearth.application.presence.CompanionFacts;

import app.hearth.adapters.realtime.frames.FanOutPeers;
import app.hearth.adapters.realtime.frames.FannedOutUserFrames;
import app.hearth.adapters.realtime.frames.LocalUserFrames;
import app.hearth.adapters.realtime.jooq.JooqLiveConnections;
import app.hearth.adapters.realtime.redis.RedisFrames;
import app.hearth.adapters.realtime.signals.FannedOutCallSignals;
import app.hearth.adapters.realtime.signals.CallSignalMessages;
import app.hearth.adapters.realtime.signals.NotifyCallSignals;
import app.hearth.adapters.realtime.websocket.RealtimeApiDocs;
import app.hearth.adapters.realtime.websocket.RealtimeHandshake;
import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.adapters.realtime.websocket.RealtimeWebSocketHandler;
import app.hearth.adapters.shared.notify.PgNotifications;
import app.hearth.application.calls.Calls;
import app.hearth.application.chat.ChatTyping;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real time across nodes (adr/0025, adr/0046): the LISTEN/NOTIFY transport, the {@code UserFrames} and
 * {@code CallSignals} ports as {@code hearth.realtime.fan-out} says, and, in a web application, the WebSocket endpoint
 * {@value RealtimeWebSocketHandler#PATH}.
 *
 * <ul>
 *   <li>{@code local} (the default): {@link LocalUserFrames} (this node only) and {@link NotifyCallSignals} (NOTIFY);
 *   Redis is never contacted.</li>
 *   <li>{@code redis}: {@link FannedOutUserFrames} and {@link FannedOutCallSignals}, both over {@link RedisFrames}.</li>
 * </ul>
 * The calls' heartbeat board stays on NOTIFY in both (adr/0046); it is wired by {@code CallLivenessConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RealtimeProperties.class)
public class RealtimeConfiguration {

    /** One LISTEN connection of this node (outside the pool); publishing borrows pooled connections. */
    @Bean
    PgNotifications pgNotifications(DataSource dataSource, Environment environment, RealtimeProperties properties,
                                    ObjectProvider<MeterRegistry> meters) {
        var settings = properties.notifications();
        boolean server = "server".equals(environment.getProperty("hearth.mode", "server"));
        return new PgNotifications(listenConnections(dataSource, environment), dataSource,
                new PgNotifications.Settings(settings.pollTimeout(), settings.probeAfter(), settings.reconnectMin(),
                        settings.reconnectMax(), settings.queueCapacity(), settings.batchSize()),
                server, meters.getIfAvailable());
    }

    /** Opens plain JDBC connections with the pool's own URL and credentials, kept alive by TCP keep-alive. */
    static PgNotifications.ConnectionSource listenConnections(DataSource dataSource, Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        String user = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                url = hikari.getJdbcUrl();
                user = hikari.getUsername();
                password = hikari.getPassword();
            }
        } catch (SQLException e) {
            // not a Hikari pool: the spring.datasource.* properties it was built from
        }
        if (url == null) {
            throw new IllegalStateException("the LISTEN connection needs spring.datasource.url");
        }
        var connectionProperties = new Properties();
        if (user != null) {
            connectionProperties.setProperty("user", user);
        }
        if (password != null) {
            connectionProperties.setProperty("password", password);
        }
        connectionProperties.setProperty("ApplicationName", "hearth-listen");
        connectionProperties.setProperty("tcpKeepAlive", "true");
        connectionProperties.setProperty("connectTimeout", "10");
        connectionProperties.setProperty("socketTimeout", "30");
        String jdbcUrl = url;
        return () -> DriverManager.getConnection(jdbcUrl, connectionProperties);
    }

    /** This node's open WebSocket connections (none in a node without a web server). */
    @Bean
    RealtimeSessions realtimeSessions(RealtimeProperties properties, Clock clock,
                                      ObjectProvider<MeterRegistry> meters) {
        return new RealtimeSessions(new RealtimeSessions.Limits(properties.sendTimeLimit(),
                (int) Math.min(Integer.MAX_VALUE, properties.bufferSizeLimit().toBytes()), properties.pingInterval(),
                properties.idleTimeout(), properties.sweepInterval()), clock, meters.getIfAvailable());
    }

    /**
     * The {@code LiveConnections} port: which users are connected on any node, recorded per node in PostgreSQL
     * (adr/0049), in both fan-out modes; a node that serves no connections only reads it.
     */
    @Bean
    JooqLiveConnections liveConnections(DSLContext sql, RealtimeSessions sessions, PgNotifications notifications,
                                        Environment environment) {
        boolean server = "server".equals(environment.getProperty("hearth.mode", "server"));
        return new JooqLiveConnections(sql, sessions, notifications.nodeId(), server);
    }

    @Bean
    CallSignalMessages callSignalMessages(JsonMapper json) {
        return new CallSignalMessages(json);
    }

    /** Warns when another node on this database cannot exchange frames with this one (adr/0046). */
    @Bean
    FanOutPeers fanOutPeers(PgNotifications notifications, RealtimeProperties properties, JsonMapper json) {
        return new FanOutPeers(notifications, properties.fanOut().name().toLowerCase(Locale.ROOT), json);
    }

    /** {@code hearth.realtime.fan-out=local}: one node, no broker; call signals still cross nodes by NOTIFY. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "hearth.realtime.fan-out", havingValue = "local", matchIfMissing = true)
    static class LocalFanOut {

        /** The {@code CallSignals} port: this node's connections of the user, and every other node's by NOTIFY. */
        @Bean
        NotifyCallSignals callSignals(RealtimeSessions sessions, PgNotifications notifications,
                                      CallSignalMessages messages, JsonMapper json) {
            return new NotifyCallSignals(sessions, notifications, messages, json);
        }

        /** The {@code UserFrames} port: this node's connections of each user. */
        @Bean
        LocalUserFrames userFrames(RealtimeSessions sessions, JsonMapper json) {
            return new LocalUserFrames(sessions, json);
        }
    }

    /** {@code hearth.realtime.fan-out=redis}: frames and call signals to every node over one Redis channel. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "hearth.realtime.fan-out", havingValue = "redis")
    static class RedisFanOut {

        /** While Lettuce reconnects, commands fail at once instead of waiting in its buffer. */
        @Bean
        LettuceClientOptionsBuilderCustomizer hearthLettuceFailsFast() {
            return options -> options.autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        @Bean
        RedisFrames redisFrames(RedisConnectionFactory redis, RealtimeSessions sessions, RealtimeProperties properties,
                                Environment environment, JsonMapper json, ObjectProvider<MeterRegistry> meters) {
            var settings = properties.redis();
            boolean server = "server".equals(environment.getProperty("hearth.mode", "server"));
            return new RedisFrames(redis, new RedisFrames.Settings(settings.channel(), settings.queueCapacity(),
                    settings.batchSize(), (int) Math.min(Integer.MAX_VALUE, settings.batchBytes().toBytes()),
                    settings.retryMin(), settings.retryMax()), sessions::deliver, json, server,
                    meters.getIfAvailable());
        }

        /** The {@code CallSignals} port: a frame to one user, on every node. */
        @Bean
        FannedOutCallSignals callSignals(RealtimeSessions sessions, RedisFrames frames, CallSignalMessages messages) {
            return new FannedOutCallSignals(sessions, frames, messages);
        }

        /** The {@code UserFrames} port: this node's connections of each user, and every other node's. */
        @Bean
        FannedOutUserFrames userFrames(RealtimeSessions sessions, RedisFrames frames, JsonMapper json) {
            return new FannedOutUserFrames(sessions, frames, json);
        }
    }

    /** A companion's connections and app reports on this node, written to presence in order (adr/0053). */
    @Bean(destroyMethod = "close")
    PresenceReports presenceReports(CompanionFacts facts, RealtimeSessions sessions, PgNotifications notifications,
                                    Clock clock) {
        return new PresenceReports(facts, sessions, notifications.nodeId(), clock);
    }

    /** The WebSocket endpoint, in a web application only. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @EnableWebSocket
    static class WebSocketEndpoint implements WebSocketConfigurer {

        private final RealtimeSessions sessions;
        private final RealtimeProperties properties;
        private final Clock clock;
        private final Calls calls;
        private final ChatTyping typing;
        private final JsonMapper json;
        private final PresenceReports presence;

        WebSocketEndpoint(RealtimeSessions sessions, RealtimeProperties properties, Clock clock, Calls calls,
                          ChatTyping typing, JsonMapper json, PresenceReports presence) {
            this.presence = presence;
            this.sessions = sessions;
            this.properties = properties;
            this.clock = clock;
            this.calls = calls;
            this.typing = typing;
            this.json = json;
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            var handler = new RealtimeWebSocketHandler(sessions,
                    (int) Math.min(Integer.MAX_VALUE, properties.maxClientMessageSize().toBytes()), calls, typing, json,
                    presence);
            var registration = registry.addHandler(handler, RealtimeWebSocketHandler.PATH)
                    .addInterceptors(new RealtimeHandshake(clock));
            if (!properties.allowedOrigins().isEmpty()) {
                registration.setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
            }
        }

        /** The handshake in the OpenAPI document, so that the authorization matrix covers it. */
        @Bean
        OpenApiCustomizer realtimeApiDocs() {
            return RealtimeApiDocs::describe;
        }
    }
}
