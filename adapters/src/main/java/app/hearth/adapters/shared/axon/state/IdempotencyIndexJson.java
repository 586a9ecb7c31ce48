package app.hearth.adapters.shared.axon.state;

import app.hearth.domain.shared.IdempotencyIndex;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * An {@link IdempotencyIndex} in a snapshot: {@code {"capacity", "forgottenThrough", "lastSequence", "entries":
 * [{"keys": [...], "record": {...}}]}}, the records it remembers oldest first; read back with
 * {@link IdempotencyIndex#restored}. The type of the records is the declared one ({@code IdempotencyIndex<CarriedOut>}).
 */
final class IdempotencyIndexJson {

    private IdempotencyIndexJson() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static SimpleModule module() {
        return new SimpleModule("idempotency-index")
                .addSerializer((Class) IdempotencyIndex.class, new Writer())
                .addDeserializer((Class) IdempotencyIndex.class, new Reader(null));
    }

    private static final class Writer extends ValueSerializer<IdempotencyIndex<?>> {
        @Override
        public void serialize(IdempotencyIndex<?> index, JsonGenerator json, SerializationContext context) {
            json.writeStartObject();
            json.writeNumberProperty("capacity", index.capacity());
            json.writeNumberProperty("forgottenThrough", index.forgottenThrough());
            json.writeNumberProperty("lastSequence", index.lastSequence());
            json.writeName("entries");
            json.writeStartArray();
            for (IdempotencyIndex.Entry<?> entry : index.entries()) {
                json.writeStartObject();
                json.writeName("keys");
                json.writeStartArray();
                for (String key : entry.keys()) {
                    json.writeString(key);
                }
                json.writeEndArray();
                json.writeName("record");
                context.writeValue(json, entry.record());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static final class Reader extends ValueDeserializer<IdempotencyIndex<?>> {
        private final JavaType recordType;

        Reader(JavaType recordType) {
            this.recordType = recordType;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            JavaType type = property != null ? property.getType() : context.getContextualType();
            return new Reader(type == null ? null : type.containedType(0));
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public IdempotencyIndex<?> deserialize(JsonParser parser, DeserializationContext context) {
            if (recordType == null) {
                throw new IllegalStateException("an idempotency index is read only where its record type is declared");
            }
            JsonNode node = context.readTree(parser);
            List<IdempotencyIndex.Entry> entries = new ArrayList<>();
            for (JsonNode entry : node.get("entries")) {
                List<String> keys = new ArrayList<>();
                entry.get("keys").forEach(key -> keys.add(key.asString()));
                Object record = context.readTreeAsValue(entry.get("record"), recordType);
                entries.add(new IdempotencyIndex.Entry(keys, (IdempotencyIndex.Sequenced) record));
            }
            return IdempotencyIndex.restored(node.get("capacity").asInt(), node.get("forgottenThrough").asLong(),
                    node.get("lastSequence").asLong(), (List) entries);
        }
    }
}
