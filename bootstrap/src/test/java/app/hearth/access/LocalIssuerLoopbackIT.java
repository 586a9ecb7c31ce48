package app.hearth.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.hearth.adapters.shared.security.LocalTokenController;
import app.hearth.support.IntegrationTest;
import jakarta.servlet.Filter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * In the local profile the token issuer answers only callers on this machine (hearth.auth.local-issuer.allow-remote
 * is false by default): a caller from another address gets a 403 problem LOCAL_ISSUER_LOOPBACK_ONLY and no token.
 */
class LocalIssuerLoopbackIT extends IntegrationTest {

    private static final String BODY = "{\"userId\":\"stranger\",\"role\":\"superadmin\"}";

    @Autowired
    WebApplicationContext context;

    /** Over the network: the same server reached through this machine's non-loopback interface, if it has one. */
    @Test
    void aCallerThroughANonLoopbackInterfaceGetsNoToken() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        assumeTrue(outside != null, "this machine has no non-loopback IPv4 interface");
        var http = HttpClient.newHttpClient();

        var remote = http.send(post("http://" + outside.getHostAddress() + ":" + port), HttpResponse.BodyHandlers
                .ofString());
        assertThat(remote.statusCode()).isEqualTo(403);
        assertThat(remote.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(remote.body()).contains("\"code\":\"" + LocalTokenController.LOOPBACK_ONLY + "\"")
                .contains(outside.getHostAddress()).doesNotContain("\"token\"");

        var local = http.send(post("http://127.0.0.1:" + port), HttpResponse.BodyHandlers.ofString());
        assertThat(local.statusCode()).isEqualTo(201);
        assertThat(local.body()).contains("\"token\"");
    }

    /** The same through the security filter chain with a request whose remote address is set, on any machine. */
    @Test
    void aRequestFromAnotherAddressGetsNoToken() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
        var refused = mvc.perform(MockMvcRequestBuilders.post(LocalTokenController.PATH)
                .contentType(MediaType.APPLICATION_JSON).content(BODY)
                .with(request -> {
                    request.setRemoteAddr("203.0.113.9");
                    return request;
                })).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains(LocalTokenController.LOOPBACK_ONLY)
                .doesNotContain("\"token\"");

        var answered = mvc.perform(MockMvcRequestBuilders.post(LocalTokenController.PATH)
                .contentType(MediaType.APPLICATION_JSON).content(BODY)
                .with(request -> {
                    request.setRemoteAddr("::1");
                    return request;
                })).andReturn().getResponse();
        assertThat(answered.getStatus()).isEqualTo(201);
        assertThat(answered.getContentAsString()).contains("\"token\"");
    }

    private static HttpRequest post(String base) {
        return HttpRequest.newBuilder(URI.create(base + LocalTokenController.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst().orElse(null);
    }
}
