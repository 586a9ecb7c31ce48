package app.hearth.adapters.companions.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.companions.Companions;
import app.hearth.application.companions.FavoriteCompanions;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The calling member's favorite companions: the routes name no member, so nobody reaches another's favorites. */
@RestController
@Tag(name = "Favorites", description = "A member's favorite companions (routing prefers them)")
public class FavoritesController {

    public static final String FAVORITES = "/api/v1/me/favorites";
    public static final String FAVORITE = FAVORITES + "/{companionId}";

    /** A favorite companion: their public profile and when the member made them a favorite. */
    public record FavoriteResponse(CompanionResponse companion, Instant favoritedAt) {
    }

    /** One page of favorites, newest first; {@code nextCursor} is null on the last page. */
    public record FavoritesPage(List<FavoriteResponse> items, String nextCursor) {
    }

    private final FavoriteCompanions favorites;
    private final Companions companions;
    private final Clock clock;

    public FavoritesController(FavoriteCompanions favorites, Companions companions, Clock clock) {
        this.favorites = favorites;
        this.companions = companions;
        this.clock = clock;
    }

    @PutMapping(FAVORITE)
    @ApiResponse(responseCode = "201", description = "Made a favorite")
    @ApiResponse(responseCode = "200", description = "Already a favorite (unchanged)")
    @ProblemResponses({403, 404, 422})
    @Operation(operationId = "addFavorite",
            summary = "Make a companion one of the calling member's favorites (201; 200 when already one; member)")
    public ResponseEntity<FavoriteResponse> add(@Parameter(hidden = true) Actor actor,
                                                @PathVariable String companionId) {
        var added = favorites.add(actor, companionId);
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(response(actor, added.favorite()));
    }

    @DeleteMapping(FAVORITE)
    @ApiResponse(responseCode = "204", description = "Not a favorite any more (also when it was not one)",
            content = @Content)
    @ProblemResponses({403})
    @Operation(operationId = "removeFavorite",
            summary = "Remove a companion from the calling member's favorites (204, also when not one; member)")
    public ResponseEntity<Void> remove(@Parameter(hidden = true) Actor actor, @PathVariable String companionId) {
        favorites.remove(actor, companionId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(FAVORITES)
    @ProblemResponses({400, 403})
    @Operation(operationId = "listFavorites",
            summary = "The calling member's favorite companions, newest first, cursor-paginated (member)")
    public FavoritesPage list(@Parameter(hidden = true) Actor actor,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(defaultValue = "50") int limit) {
        var page = favorites.list(actor, cursor, limit);
        return new FavoritesPage(page.items().stream().map(favorite -> response(actor, favorite)).toList(),
                page.nextCursor());
    }

    private FavoriteResponse response(Actor actor, FavoriteCompanions.Favorite favorite) {
        var companion = favorite.companion();
        return new FavoriteResponse(CompanionResponse.of(companion,
                companions.seesStaffFields(actor, companion.companionId()), Year.now(clock)), favorite.favoritedAt());
    }
}
