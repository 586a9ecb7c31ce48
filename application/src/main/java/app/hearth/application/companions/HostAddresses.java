package app.hearth.application.companions;

import java.net.InetAddress;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Name resolution (DNS): what a photo URL's host points at. */
@SecondaryPort
public interface HostAddresses {

    /** Every address {@code host} resolves to; empty when it does not resolve. */
    List<InetAddress> resolve(String host);
}
