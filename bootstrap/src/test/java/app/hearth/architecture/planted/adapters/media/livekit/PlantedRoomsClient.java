package app.hearth.architecture.planted.adapters.media.livekit;

/** A provider client (outbound), fine on its own. */
public class PlantedRoomsClient {

    public String token(String room) {
        return "token for " + room;
    }
}
