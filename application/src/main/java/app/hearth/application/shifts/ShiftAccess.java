package app.hearth.application.shifts;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.companions.TeamRegistry;
import app.hearth.application.companions.Teams;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.access.Role;
import app.hearth.domain.companions.CompanionRules;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shifts.ShiftRules;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Who reaches whose shifts, by the one team rule (CompanionScope, ADR 0034): a companion their own; the supervisor of
 * the companion's team, looked up on every request; admins and superadmins everyone's. A supervisor asking for a
 * companion of another team is refused as the earnings routes refuse ({@code COMPANION_OUTSIDE_YOUR_TEAM}, 403), for
 * another team as the team routes do ({@code TEAM_NOT_FOUND}, 404), and a shift, request or proposal of another
 * team's companion does not exist for them (404).
 */
public class ShiftAccess {

    /** The longest date range a list or report covers. */
    public static final int MAX_RANGE_DAYS = 93;

    private final TeamDirectory directory;
    private final Teams teams;
    private final TeamRegistry teamRegistry;
    private final CompanionRegistry companions;

    public ShiftAccess(TeamDirectory directory, Teams teams, TeamRegistry teamRegistry, CompanionRegistry companions) {
        this.directory = directory;
        this.teams = teams;
        this.teamRegistry = teamRegistry;
        this.companions = companions;
    }

    /** Refuses anyone but staff whose reach covers the companion (403). */
    public void requireStaffOver(Actor actor, String companionId) {
        if (!actor.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only staff do this");
        }
        CompanionScope.requireMayActOn(actor, companionId, directory.supervisorOf(companionId), ShiftRules.STAFF_ONLY);
    }

    /** Whether staff {@code actor} reaches the companion's records. */
    public boolean staffReaches(Actor actor, String companionId) {
        return CompanionScope.reachOf(actor).covers(companionId, directory::supervisorOf);
    }

    /** Whether {@code actor} is the companion or staff reaching them; others are told {@code notFound}. */
    public void requireReaches(Actor actor, String companionId, Supplier<RuleViolation> notFound) {
        boolean self = actor.role() == Role.COMPANION && actor.userId().equals(companionId);
        if (!self && !staffReaches(actor, companionId)) {
            throw notFound.get();
        }
    }

    /** Whether {@code actor} supervises the team the companion is in now. */
    public boolean supervises(Actor actor, String companionId) {
        return actor.role() == Role.SUPERVISOR
                && directory.supervisorOf(companionId).filter(actor.userId()::equals).isPresent();
    }

    /** The companions of the team, for staff who may read it (another team's: 404 TEAM_NOT_FOUND). */
    public List<String> team(Actor actor, String teamId) {
        return teams.team(actor, teamId).companionIds();
    }

    /** The companions whose records {@code actor} reaches; null for everyone's. */
    public List<String> reach(Actor actor) {
        return switch (CompanionScope.reachOf(actor)) {
            case CompanionScope.Reach.Everyone ignored -> null;
            case CompanionScope.Reach.TeamsLedBy led -> {
                var ids = new ArrayList<String>();
                teamRegistry.list(led.supervisorId()).forEach(team -> ids.addAll(companions.inTeam(team.teamId())));
                yield ids;
            }
            case CompanionScope.Reach.Nobody ignored -> List.of();
        };
    }

    /** The companion's time zone, from their profile. */
    public ZoneId zoneOf(String companionId) {
        var companion = companions.find(companionId).orElseThrow(() -> RuleViolation.notFound(
                CompanionRules.NOT_FOUND, "no companion " + companionId));
        if (companion.profile() == null) {
            throw RuleViolation.refused(ShiftRules.NO_TIME_ZONE, "companion " + companionId
                    + " has no profile, so no time zone to plan in");
        }
        return companion.profile().timeZone();
    }

    /** Locks the companion's record: their shifts change one request at a time. */
    public void lockCompanion(String companionId) {
        companions.lock(companionId).orElseThrow(() -> RuleViolation.notFound(CompanionRules.NOT_FOUND,
                "no companion " + companionId));
    }

    /** A date range {@code [from, to]} with defaults (from today - 7 to today + 30) and a bound of 93 days. */
    public static LocalDate[] range(LocalDate from, LocalDate to, LocalDate today) {
        LocalDate first = from != null ? from : (to != null ? to.minusDays(37) : today.minusDays(7));
        LocalDate last = to != null ? to : first.plusDays(37);
        if (last.isBefore(first)) {
            throw RuleViolation.invalid(ShiftRules.EMPTY_RANGE, "to", "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_RANGE_DAYS) {
            throw RuleViolation.invalid(ShiftRules.RANGE_TOO_LONG, "to", "a range covers at most " + MAX_RANGE_DAYS
                    + " days");
        }
        return new LocalDate[] {first, last};
    }
}
