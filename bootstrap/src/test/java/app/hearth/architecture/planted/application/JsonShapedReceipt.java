package app.hearth.architecture.planted.application;

import tools.jackson.databind.json.JsonMapper;

/** Violates purity: a use case result that serialises itself with Jackson. */
public record JsonShapedReceipt(String entryId) {

    public String toJson(JsonMapper mapper) {
        return mapper.writeValueAsString(this);
    }
}
