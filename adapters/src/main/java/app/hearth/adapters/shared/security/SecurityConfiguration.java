package app.hearth.adapters.shared.security;

import app.hearth.adapters.access.web.AccessController;
import app.hearth.adapters.calls.web.CallHistoryController;
import app.hearth.adapters.chat.web.ChatController;
import app.hearth.adapters.chat.web.ConversationNotesController;
import app.hearth.adapters.calls.web.CallsController;
import app.hearth.adapters.routing.web.RoutingController;
import app.hearth.adapters.companions.web.CompanionsController;
import app.hearth.adapters.presence.web.PresenceController;
import app.hearth.adapters.companions.web.FavoritesController;
import app.hearth.adapters.companions.web.SkillsController;
import app.hearth.adapters.companions.web.TeamsController;
import app.hearth.adapters.devices.web.DevicesController;
import app.hearth.adapters.push.web.NotificationSettingsController;
import app.hearth.adapters.media.webhooks.LiveKitWebhookController;
import app.hearth.adapters.members.web.MeController;
import app.hearth.adapters.money.catalog.web.CatalogController;
import app.hearth.adapters.money.checkout.web.CheckoutController;
import app.hearth.adapters.money.experiments.web.ExperimentsController;
import app.hearth.adapters.money.payments.web.PaymentOperationsController;
import app.hearth.adapters.money.payments.webhooks.WebhooksController;
import app.hearth.adapters.money.wallet.web.MigrationsController;
import app.hearth.adapters.money.wallet.web.WalletController;
import app.hearth.adapters.ratings.web.ModerationCasesController;
import app.hearth.adapters.ratings.web.RatingsController;
import app.hearth.adapters.realtime.websocket.RealtimeWebSocketHandler;
import app.hearth.adapters.shifts.web.AdherenceController;
import app.hearth.adapters.shifts.web.ShiftRequestsController;
import app.hearth.adapters.shifts.web.ShiftsController;
import app.hearth.adapters.shared.web.Problems;
import app.hearth.adapters.shared.web.ratelimit.RateLimitFilter;
import app.hearth.adapters.shared.web.ratelimit.RateLimitProperties;
import app.hearth.adapters.shared.web.ratelimit.RateLimiter;
import app.hearth.application.access.CallerRoles;
import com.google.firebase.auth.FirebaseAuth;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deny by default: every route is listed here with the roles that may call it; anything else is refused. Health
 * and the API docs are open, and so is the local token endpoint while the local issuer is on. Objects are checked
 * again in the use cases (a companion reads only their own ledger).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({HearthAuthProperties.class, RateLimitProperties.class})
public class SecurityConfiguration {

    static final String[] STAFF = {"SUPERVISOR", "ADMIN", "SUPERADMIN"};
    static final String[] ADMINS = {"ADMIN", "SUPERADMIN"};
    static final String EARNINGS = "/api/v1/companions/{companionId}/earnings";

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, JsonMapper json,
                            HearthAuthProperties properties, CallerRoles roles,
                            RateLimitProperties rateLimits, RateLimiter limiter,
                            ObjectProvider<MeterRegistry> meters) throws Exception {
        // The decoder's own reason: Spring's bearer-token error keeps only descriptions without quotes (RFC 6750)
        // and says "Invalid token" for the rest, such as firebase-admin's 'incorrect "aud" (audience) claim'.
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> Problems.write(response, json,
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "a valid bearer token is required: "
                        + (failure.getCause() instanceof JwtException refused ? refused : failure).getMessage());
        AccessDeniedHandler denied = (request, response, failure) -> Problems.write(response, json,
                HttpStatus.FORBIDDEN, "ACCESS_DENIED", "your role may not do this");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> {
                    routes.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs",
                            "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
                            "/error").permitAll()
                            .requestMatchers(HttpMethod.GET, SkillsController.SKILLS).permitAll();
                    if (properties.localIssuer().enabled()) {
                        routes.requestMatchers(HttpMethod.POST, LocalTokenController.PATH).permitAll();
                    }
                    routes.requestMatchers("/actuator/**").hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.POST, EARNINGS).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, EARNINGS, EARNINGS + "/entries")
                            .hasAnyRole("COMPANION", "SUPERVISOR", "ADMIN", "SUPERADMIN")
                            .requestMatchers(HttpMethod.POST, EARNINGS + "/corrections").hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.POST, EARNINGS + "/penalties",
                                    EARNINGS + "/penalties/{penaltyId}/reversal").hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.GET, "/api/v1/audit/earnings/{companionId}").hasAnyRole(ADMINS)
                            // access: who may grant what is decided by RoleAssignmentRules; anyone reads their own
                            .requestMatchers(HttpMethod.GET, AccessController.ROLE).authenticated()
                            .requestMatchers(HttpMethod.PUT, AccessController.ROLE).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.DELETE, AccessController.ROLE + "/{role}").hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, AccessController.STAFF_ACTIONS).hasRole("SUPERADMIN")
                            // companions and teams; supervisor scoping is checked again in the use cases
                            .requestMatchers(HttpMethod.POST, CompanionsController.COMPANIONS).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, CompanionsController.COMPANIONS,
                                    CompanionsController.COMPANION).authenticated()
                            .requestMatchers(CompanionsController.OWN_PROFILE).hasRole("COMPANION")
                            .requestMatchers(CompanionsController.OWN_AVAILABILITY).hasRole("COMPANION")
                            .requestMatchers(HttpMethod.GET, PresenceController.OWN_PRESENCE).hasRole("COMPANION")
                            .requestMatchers(HttpMethod.GET, PresenceController.BOARD).hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.POST, CompanionsController.COMPANION + "/suspension",
                                    CompanionsController.COMPANION + "/reinstatement").hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.PUT, CompanionsController.COMPANION + "/team")
                            .hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.POST, TeamsController.TEAMS).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.GET, TeamsController.TEAMS, TeamsController.TEAM)
                            .hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.PUT, TeamsController.TEAM + "/supervisor").hasAnyRole(ADMINS)
                            // favorites: a member's own (the routes name no member)
                            .requestMatchers(FavoritesController.FAVORITES, FavoritesController.FAVORITE)
                            .hasRole("MEMBER")
                            // members: anyone signed in manages their own data (the routes name no user);
                            // closing is refused to staff by AccountClosure
                            .requestMatchers(HttpMethod.GET, MeController.PROFILE, MeController.IDENTITIES,
                                    MeController.EXPORT).authenticated()
                            .requestMatchers(HttpMethod.PUT, MeController.PROFILE).authenticated()
                            .requestMatchers(HttpMethod.POST, MeController.IDENTITIES).authenticated()
                            .requestMatchers(HttpMethod.DELETE, MeController.ME).authenticated()
                            // devices: anyone signed in registers their own (the routes name no user)
                            .requestMatchers(HttpMethod.GET, DevicesController.DEVICES).authenticated()
                            .requestMatchers(HttpMethod.PUT, DevicesController.DEVICE).authenticated()
                            .requestMatchers(HttpMethod.DELETE, DevicesController.DEVICE).authenticated()
                            // notification settings (adr/0049): anyone signed in, their own (the route names no user)
                            .requestMatchers(HttpMethod.GET, NotificationSettingsController.SETTINGS).authenticated()
                            .requestMatchers(HttpMethod.PUT, NotificationSettingsController.SETTINGS).authenticated()
                            // calls, reading (adr/0023): a call's participants and staff, checked in CallHistory
                            // (anyone else: 404); everyone their own history; the live board and figures for staff
                            .requestMatchers(HttpMethod.GET, CallHistoryController.CALL,
                                    CallHistoryController.MY_CALLS).authenticated()
                            .requestMatchers(HttpMethod.GET, CallHistoryController.LIVE, CallHistoryController.STATS)
                            .hasAnyRole(STAFF)
                            // paywall experiments
                            .requestMatchers(HttpMethod.GET, ExperimentsController.PAYWALL).authenticated()
                            .requestMatchers(ExperimentsController.EXPERIMENTS, ExperimentsController.EXPERIMENTS
                                    + "/**").hasAnyRole(ADMINS)
                            // --- payments (adr/0016): operators' views; the webhooks have their own chain below
                            .requestMatchers(HttpMethod.GET, PaymentOperationsController.MEMBER_PAYMENTS,
                                    PaymentOperationsController.PARKED, PaymentOperationsController.PENDING,
                                    PaymentOperationsController.APPLICATION)
                            .hasAnyRole(ADMINS)
                            // --- end payments
                            // money, wallets (adr/0015): the catalog is read by anyone signed in and published by
                            // superadmins; everyone reads only their own wallet (the routes name no member)
                            .requestMatchers(HttpMethod.GET, CatalogController.CATALOG).authenticated()
                            .requestMatchers(HttpMethod.POST, CatalogController.ADMIN_CATALOGS).hasRole("SUPERADMIN")
                            .requestMatchers(HttpMethod.POST, MigrationsController.MIGRATIONS).hasAnyRole(ADMINS)
                            .requestMatchers(HttpMethod.POST, CheckoutController.CHECKOUT_SESSIONS).authenticated()
                            .requestMatchers(HttpMethod.GET, WalletController.WALLET, WalletController.MOVEMENTS)
                            .authenticated()
                            // calls: members place them; every other route is open to any signed-in user and
                            // the use case lets only the call's participants (and staff, to end it) through
                            .requestMatchers(HttpMethod.POST, CallsController.CALLS).hasRole("MEMBER")
                            .requestMatchers(HttpMethod.POST, CallsController.CALL + "/accept",
                                    CallsController.CALL + "/decline", CallsController.CALL + "/cancel",
                                    CallsController.CALL + "/hangup", CallsController.CALL + "/heartbeats")
                            .authenticated()
                            .requestMatchers(HttpMethod.GET, CallsController.CALL + "/media").authenticated()
                            // routing (adr/0054): the decisions for staff (a supervisor's scoped in the use case),
                            // talking to someone now and the queue for members
                            .requestMatchers(HttpMethod.GET, RoutingController.DECISIONS).hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.POST, RoutingController.CONVERSATION_REQUESTS)
                            .hasRole("MEMBER")
                            .requestMatchers(HttpMethod.GET, RoutingController.MY_QUEUE).hasRole("MEMBER")
                            .requestMatchers(HttpMethod.DELETE, RoutingController.MY_QUEUE).hasRole("MEMBER")
                            // chat (adr/0047, adr/0050): only members open a conversation with a companion; every
                            // other route is open to anyone signed in and the use case lets only the conversation's
                            // two participants and staff in scope through (staff read only: 403; anyone else: 404);
                            // the notes are the companion's and staff's in scope (the member too gets 404)
                            .requestMatchers(HttpMethod.POST, ChatController.TO_COMPANION).hasRole("MEMBER")
                            .requestMatchers(HttpMethod.GET, ChatController.MY_CONVERSATIONS,
                                    ChatController.CONVERSATION, ChatController.MESSAGES,
                                    ConversationNotesController.NOTES, ConversationNotesController.HISTORY)
                            .authenticated()
                            .requestMatchers(HttpMethod.POST, ChatController.MESSAGES, ChatController.RECEIPTS)
                            .authenticated()
                            .requestMatchers(HttpMethod.PUT, ConversationNotesController.NOTES).authenticated()
                            // shifts (adr/0052): staff in scope plan, cancel and read; the companion reads and
                            // clocks their own and makes requests; staff in scope decide requests; only the team's
                            // supervisor decides penalty proposals (the use cases check the team)
                            .requestMatchers(HttpMethod.POST, ShiftsController.COMPANION_SHIFTS,
                                    ShiftsController.SHIFT_CANCELLATION).hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.GET, ShiftsController.COMPANION_SHIFTS,
                                    ShiftsController.TEAM_SHIFTS, ShiftRequestsController.TEAM_REQUESTS,
                                    AdherenceController.ADHERENCE).hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.GET, ShiftsController.MY_SHIFTS,
                                    ShiftRequestsController.MY_REQUESTS).hasRole("COMPANION")
                            .requestMatchers(HttpMethod.POST, ShiftsController.MY_SHIFT + "/start",
                                    ShiftsController.MY_SHIFT + "/break-start", ShiftsController.MY_SHIFT
                                    + "/break-end", ShiftsController.MY_SHIFT + "/stop",
                                    ShiftRequestsController.MY_REQUESTS).hasRole("COMPANION")
                            .requestMatchers(HttpMethod.POST, ShiftRequestsController.REQUEST + "/approval",
                                    ShiftRequestsController.REQUEST + "/decline").hasAnyRole(STAFF)
                            .requestMatchers(HttpMethod.POST, AdherenceController.PROPOSAL + "/confirmation",
                                    AdherenceController.PROPOSAL + "/dismissal").hasRole("SUPERVISOR")
                            // real time (adr/0025): anyone signed in opens their own WebSocket (the route names no
                            // user); the token may also come in the access_token query parameter there
                            .requestMatchers(HttpMethod.GET, RealtimeWebSocketHandler.PATH).authenticated()
                            // ratings (adr/0055): members rate (the use case lets only the call's or the
                            // conversation's member through, 404 for another), a companion reads their own summary,
                            // staff read the moderation cases (a supervisor their teams', each read audited)
                            .requestMatchers(HttpMethod.PUT, RatingsController.CALL_RATING,
                                    RatingsController.DAY_RATING).hasRole("MEMBER")
                            .requestMatchers(HttpMethod.GET, RatingsController.CALL_RATING,
                                    RatingsController.DAY_RATING).hasRole("MEMBER")
                            .requestMatchers(HttpMethod.GET, RatingsController.MY_RATING).hasRole("COMPANION")
                            .requestMatchers(HttpMethod.GET, ModerationCasesController.CASES).hasAnyRole(STAFF)
                            .anyRequest().denyAll();
                })
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenResolver(new RealtimeBearerTokenResolver())
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(
                                new HearthJwtAuthenticationConverter(roles)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied));
        if (rateLimits.enabled()) {
            // sign-in attempts and failed authentications per address, before the token is checked; writes and
            // reads per user once it is known, before the route's roles are checked
            MeterRegistry registry = meters.getIfAvailable();
            http.addFilterBefore(new RateLimitFilter.SignIn(limiter, json, registry),
                            BearerTokenAuthenticationFilter.class)
                    .addFilterBefore(new RateLimitFilter.Callers(limiter, json, registry), AuthorizationFilter.class);
        }
        return http.build();
    }

    /** The buckets of the rate limits (ADR 0011), in this node's memory. */
    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties) {
        return new RateLimiter(properties, System::nanoTime);
    }

    // --- payments (adr/0016) -------------------------------------------------------------------------------------
    /**
     * The providers' webhooks carry no Hearth token: they authenticate themselves in the controller (Stripe's
     * signature, Adapty's Authorization value, LiveKit's signed token). This chain comes first and reads no bearer
     * token, so an Adapty Authorization value that happens to look like one is never taken for a Hearth token; only
     * POST to the three webhooks is open, anything else under /api/v1/webhooks is refused.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhooks(HttpSecurity http, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> Problems.write(response, json,
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "webhooks authenticate with the provider's signature");
        http.securityMatcher(WebhooksController.WEBHOOKS + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers(HttpMethod.POST, WebhooksController.STRIPE, WebhooksController.ADAPTY)
                        .permitAll()
                        // media (LiveKit): its signed token over the body's SHA-256, checked in the controller
                        .requestMatchers(HttpMethod.POST, LiveKitWebhookController.LIVEKIT).permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated));
        return http.build();
    }
    // --- end payments ----------------------------------------------------------------------------------------------

    @Bean
    @ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "true")
    LocalTokenIssuer localTokenIssuer(HearthAuthProperties properties, Clock clock) {
        return new LocalTokenIssuer(properties.localIssuer(), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "true")
    JwtDecoder localJwtDecoder(LocalTokenIssuer issuer, HearthAuthProperties properties, Clock clock) {
        return properties.reusing(issuer.decoder(), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "false", matchIfMissing = true)
    JwtDecoder firebaseJwtDecoder(FirebaseAuth auth, HearthAuthProperties properties, Clock clock) {
        var firebase = new FirebaseTokenDecoder(auth, properties.firebase().checkRevoked());
        // a revocation check asks Firebase on every request, and its answer must not be reused (adr/0027)
        return properties.firebase().checkRevoked() ? firebase : properties.reusing(firebase, clock);
    }
}
