package app.hearth.adapters.presence.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hearth.presence.*} (adr/0053).
 *
 * @param awayAfter              how long a companion on shift may be unreachable (no connection, app in the
 *                               background) before they are away; before it they are busy
 * @param capacity               how many open conversations make a companion busy
 * @param openConversationWindow a conversation whose latest message is the member's, sent within this window, is open
 * @param sweepInterval          how often each node derives the companions that are due again and looks for gone nodes
 * @param unknownNodesEvery      how often each node also looks for connections recorded on nodes with no heartbeat row
 */
@ConfigurationProperties("hearth.presence")
public record PresenceProperties(@DefaultValue("PT2M") Duration awayAfter,
                                 @DefaultValue("5") int capacity,
                                 @DefaultValue("PT24H") Duration openConversationWindow,
                                 @DefaultValue("PT1S") Duration sweepInterval,
                                 @DefaultValue("PT30S") Duration unknownNodesEvery) {
}
