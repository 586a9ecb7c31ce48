package app.hearth.application.media;

import app.hearth.domain.media.MediaEvent;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Hears of the media server's events (calls will follow who is in a room). Called in the transaction that records
 * the webhook, once per LiveKit event id; a failure rolls the recording back and the webhook is answered 503, so
 * LiveKit sends it again.
 */
@SecondaryPort
public interface MediaEventListener {

    void on(MediaEvent event);
}
