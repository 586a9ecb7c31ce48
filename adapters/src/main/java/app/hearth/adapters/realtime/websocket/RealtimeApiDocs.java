package app.hearth.adapters.realtime.websocket;

import app.hearth.adapters.shared.web.ApiDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;

/**
 * The WebSocket handshake in the OpenAPI document. OpenAPI cannot describe the messages of a WebSocket, but the
 * route is an HTTP GET like any other: documenting it puts it in the authorization matrix (reliability #11: every
 * route is in the document) and tells client developers where it is.
 */
public final class RealtimeApiDocs {

    private RealtimeApiDocs() {
    }

    public static void describe(OpenAPI document) {
        if (document.getPaths() == null) {
            document.setPaths(new Paths());
        }
        var operation = new Operation()
                .operationId("openRealtimeConnection")
                .addTagsItem("realtime")
                .summary("Open the signed-in user's real-time WebSocket (call signals, chat)")
                .description("""
                        A WebSocket upgrade (RFC 6455), authenticated with the same bearer token as the REST API: in \
                        the `Authorization: Bearer` header, or, where a client cannot set headers (browsers), in the \
                        `access_token` query parameter. Without a valid, unexpired token the handshake is refused \
                        with 401. One user may hold several connections, on any node; each receives every frame.

                        The server sends JSON text frames naming their `type` (instants in ISO-8601). Delivery is \
                        best effort and at most once: after a reconnection, read the state over REST.

                        - Calls: `{"type": ..., "callId": ..., ...}`, `type` one of `incoming`, `accepted`, \
                        `declined`, `reconnecting`, `balance_warning`, `ended`; the other fields are those of the \
                        signal. Read the call over REST after a reconnection.
                        - Chat, to every connection of both participants: `message` (`conversationId`, `seq`, \
                        `messageId`, `clientMessageId`, `senderId`, `senderRole`, `text`, `sentAt`: the message of \
                        `GET /api/v1/conversations/{id}/messages`); `receipt` (`conversationId`, `userId`, `role`, \
                        `deliveredUpTo`, `readUpTo`: that participant's receipts as the recipient may see them, \
                        `readUpTo` null when not shared); `conversation` (`conversation`: the conversation as the \
                        recipient sees it, as in `GET /api/v1/me/conversations`). A client that missed frames \
                        catches up with `GET /api/v1/me/conversations?changedSince=` (its last `changesCursor`) and \
                        `GET /api/v1/conversations/{id}/messages?after=` (the last sequence it holds without a gap).
                        - `typing` (`conversationId`, `userId`, `role`, `expiresAt`, `stopped`), to the other \
                        participant only: never stored; stop showing it at `expiresAt` (6 s after it was sent) \
                        unless a newer one came, or at once when `stopped` is true.

                        The server pings every 25 s and closes a connection that answered nothing for 75 s; a client \
                        may also send `{"type":"ping"}` and receives `{"type":"pong"}`. A call's participant may \
                        send its heartbeats here instead of `POST /api/v1/calls/{id}/heartbeats`: \
                        `{"type":"heartbeat","callId":...,"seq":n}` (`seq` optional, echoed) is answered \
                        `{"type":"heartbeat","callId":...,"seq":n,"ok":true}`, or `"ok":false` with the REST route's \
                        `code` (`CALL_ENDED`: stop beating). A conversation's participant says they are typing with \
                        `{"type":"typing","conversationId":...}` (again every few seconds while they type; repeats \
                        within 2 s are not passed on) and `{"type":"typing","conversationId":...,"stopped":true}` \
                        when they stop; nothing is answered, except `{"type":"error","code":"CONVERSATION_NOT_FOUND",\
                        "conversationId":...}` to anyone else; beyond 5 typing messages at once (5 more a second) \
                        they are dropped unanswered. Anything else a client sends is answered \
                        `{"type":"error","code":"MESSAGE_INVALID"}`. Close codes: 4401 the token expired (sign in \
                        again and reconnect), 4408 idle, 4500 too slow to keep up, 1012 the node is restarting \
                        (reconnect).""")
                .addParametersItem(new Parameter().in("query").name("access_token").required(false)
                        .description("The bearer token, for clients that cannot send the Authorization header. "
                                + "URLs end up in logs and histories: prefer the header where possible.")
                        .schema(new StringSchema()))
                .responses(new ApiResponses()
                        .addApiResponse("101", new ApiResponse().description("Switching Protocols: the WebSocket is "
                                + "open"))
                        .addApiResponse("400", new ApiResponse().description("Not a WebSocket upgrade request"))
                        .addApiResponse("401", new ApiResponse().$ref("#/components/responses/Unauthenticated")));
        operation.setSecurity(List.of(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("bearer")));
        var item = new PathItem().get(operation);
        ApiDocs.addProblems(item);
        document.getPaths().addPathItem(RealtimeWebSocketHandler.PATH, item);
    }
}
