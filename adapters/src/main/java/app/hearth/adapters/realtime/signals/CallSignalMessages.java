package app.hearth.adapters.realtime.signals;

import app.hearth.application.calls.CallSignal;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A call signal as the clients receive it: {@code {"type": <signal.type()>, "callId": ..., <the record's other
 * fields>}}, written with the application's Jackson (instants as ISO-8601 text, enums by name).
 */
public final class CallSignalMessages {

    private final JsonMapper json;

    public CallSignalMessages(JsonMapper json) {
        this.json = json;
    }

    public String toJson(CallSignal signal) {
        ObjectNode message = json.createObjectNode();
        message.put("type", signal.type());
        message.put("callId", signal.callId());
        ObjectNode fields = json.valueToTree(signal);
        fields.remove("type");
        fields.remove("callId");
        message.setAll(fields);
        return json.writeValueAsString(message);
    }
}
