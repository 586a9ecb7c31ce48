package app.hearth.adapters.presence.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.presence.Presence;
import app.hearth.application.presence.PresenceStore;
import app.hearth.domain.access.Actor;
import app.hearth.domain.presence.PresenceFacts;
import app.hearth.domain.presence.PresenceReason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Derived presence (adr/0053): the companion's own, and the staff's live board. */
@RestController
@Tag(name = "Presence")
public class PresenceController {

    public static final String OWN_PRESENCE = "/api/v1/me/presence";
    public static final String BOARD = "/api/v1/admin/presence";

    private final Presence presence;

    public PresenceController(Presence presence) {
        this.presence = presence;
    }

    /** The facts presence is derived from, as the companion's sources last reported them. */
    public record FactsResponse(String shiftId, boolean onBreak, boolean connected, boolean foreground, String callId,
                                int openConversations) {
        static FactsResponse of(PresenceFacts facts) {
            return new FactsResponse(facts.shiftId(), facts.onBreak(), facts.connected(), facts.foreground(),
                    facts.callId(), facts.openConversations());
        }
    }

    /** A companion's presence: the state, since when (null: never known), why not available, and the facts. */
    public record PresenceResponse(String companionId, String state, Instant since, List<PresenceReason> reasons,
                                   FactsResponse facts) {
        static PresenceResponse of(Presence.View view) {
            return new PresenceResponse(view.companionId(), view.state().name(), view.since(),
                    view.reasons().stream().sorted().toList(), FactsResponse.of(view.facts()));
        }
    }

    /** A change of a companion's state at its position. */
    public record ChangeResponse(long position, String companionId, String state, Instant changedAt) {
        static ChangeResponse of(PresenceStore.Change change) {
            return new ChangeResponse(change.position(), change.companionId(), change.state().name(),
                    change.changedAt());
        }
    }

    /**
     * The board: without {@code after}, every companion in scope ({@code companions}); with it, the changes after it
     * ({@code changes}); {@code position} is the cursor to ask from next.
     */
    public record BoardResponse(List<PresenceResponse> companions, List<ChangeResponse> changes, long position) {
    }

    @GetMapping(OWN_PRESENCE)
    @Operation(operationId = "getOwnPresence",
            summary = "The calling companion's derived presence: state, since, the facts and why not available "
            + "(companion)")
    public PresenceResponse own(@Parameter(hidden = true) Actor actor) {
        return PresenceResponse.of(presence.own(actor));
    }

    @GetMapping(BOARD)
    @ProblemResponses({400})
    @Operation(operationId = "getPresenceBoard",
            summary = "The live presence board: every companion's state and since (a supervisor's team; all for "
            + "admins), or with after=position the changes since (supervisor, admin, superadmin)")
    public BoardResponse board(@Parameter(hidden = true) Actor actor,
                               @RequestParam(required = false) Long after,
                               @RequestParam(defaultValue = "500") int limit) {
        Presence.Board board = presence.board(actor, after, limit);
        return new BoardResponse(board.companions().stream().map(PresenceResponse::of).toList(),
                board.changes().stream().map(ChangeResponse::of).toList(), board.position());
    }
}
