package app.hearth.architecture.planted.adapters.media.webhooks;

import app.hearth.architecture.planted.adapters.media.livekit.PlantedRoomsClient;

/** Violates the adapter rules: a provider callback (an inbound adapter) that calls the provider's client. */
public class LeakyWebhook {

    private final PlantedRoomsClient rooms = new PlantedRoomsClient();

    public String receive(String room) {
        return rooms.token(room);
    }
}
