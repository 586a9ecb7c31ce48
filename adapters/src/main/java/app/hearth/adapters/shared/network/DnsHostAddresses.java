package app.hearth.adapters.shared.network;

import app.hearth.application.companions.HostAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.stereotype.Component;

/** The system resolver (DNS and the hosts file): {@code localhost} resolves to loopback, as an attacker hopes. */
@Component
public class DnsHostAddresses implements HostAddresses {

    @Override
    public List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException unknown) {
            return List.of();
        }
    }
}
