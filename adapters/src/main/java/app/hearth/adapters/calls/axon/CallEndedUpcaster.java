package app.hearth.adapters.calls.axon;

import app.hearth.domain.money.wallet.CallVerdict;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code call.CallEnded} revision 1 as revision 2 (ADR 0039): revision 1 was stored without
 * {@code startedMinutes} until ADR 0030, and revision 2 always carries it. A revision 1 payload that has it keeps
 * it; one without gets the started minutes of its own billable seconds, by {@link CallVerdict}, the one home of
 * the rule (0 when the call was not chargeable). Axon's event store applies it to every stream it reads.
 */
@Component
public class CallEndedUpcaster extends SingleEventUpcaster {

    static final SerializedType REVISION_1 = new SimpleSerializedType("call.CallEnded", "1");
    static final SerializedType REVISION_2 = new SimpleSerializedType("call.CallEnded", "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation stored) {
        return REVISION_1.equals(stored.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
        return stored.upcastPayload(REVISION_2, JsonNode.class, CallEndedUpcaster::withStartedMinutes);
    }

    static JsonNode withStartedMinutes(JsonNode payload) {
        JsonNode startedMinutes = payload.get("startedMinutes");
        if (startedMinutes != null && !startedMinutes.isNull()) {
            return payload;
        }
        ObjectNode upcast = ((ObjectNode) payload).deepCopy();
        boolean chargeable = payload.path("chargeable").asBoolean();
        long billableSeconds = payload.path("billableSeconds").asLong();
        upcast.put("startedMinutes", chargeable ? CallVerdict.chargeable(billableSeconds).startedMinutes() : 0L);
        return upcast;
    }
}
