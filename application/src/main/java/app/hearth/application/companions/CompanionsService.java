package app.hearth.application.companions;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.access.TeamDirectory;
import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.companions.CompanionProfile;
import app.hearth.domain.companions.CompanionRules;
import app.hearth.domain.companions.CompanionSearch;
import app.hearth.domain.companions.CompanionStatus;
import app.hearth.domain.companions.Gender;
import app.hearth.domain.companions.PhotoUrl;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TimeZones;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Companion use cases; every staff change and its audit entry commit together. */
public class CompanionsService implements Companions {

    private static final System.Logger log = System.getLogger(CompanionsService.class.getName());
    private static final String CURSOR = "c";

    private final CompanionRegistry companions;
    private final TeamDirectory teams;
    private final AccessAdministration access;
    private final StaffAuditTrail trail;
    private final HostAddresses hosts;
    private final Transactions transactions;
    private final Clock clock;

    public CompanionsService(CompanionRegistry companions, TeamDirectory teams, AccessAdministration access,
                             StaffAuditTrail trail, HostAddresses hosts, Transactions transactions, Clock clock) {
        this.companions = companions;
        this.teams = teams;
        this.access = access;
        this.trail = trail;
        this.hosts = hosts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public CompanionRegistry.Companion invite(Actor actor, String userId, String displayName) {
        CompanionRules.requireAdministrator(actor);
        RuleViolation.requireText(userId, "userId");
        String name = RuleViolation.requireText(displayName, "displayName").strip();
        if (name.length() > CompanionProfile.LONGEST_NAME) {
            throw RuleViolation.invalid(CompanionProfile.TEXT_TOO_LONG, "displayName", "a display name has at most "
                    + CompanionProfile.LONGEST_NAME + " characters");
        }
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Role current = access.roleOf(userId);
            if (current.isSupervisorOrAbove()) {
                // inviting must never demote a supervisor or an admin by the side door
                throw RuleViolation.conflict(CompanionRules.HOLDS_STAFF_ROLE, userId + " holds the role "
                        + current.name().toLowerCase(java.util.Locale.ROOT) + "; revoke it first to make them a "
                        + "companion");
            }
            if (current != Role.COMPANION) {
                access.grant(actor, userId, Role.COMPANION);
            }
            if (companions.invite(userId, name, actor.recorded(), now)) {
                record(actor, StaffActionKind.COMPANION_INVITED, userId, null, CompanionStatus.INVITED.name(), null,
                        now);
                log.log(System.Logger.Level.INFO, "{0} invited companion {1}", actor.recorded(), userId);
            }
            return companions.find(userId).orElseThrow();
        });
    }

    @Override
    public CompanionRegistry.Companion saveOwnProfile(Actor actor, ProfileInput input) {
        if (actor.role() != Role.COMPANION) {
            throw RuleViolation.forbidden(CompanionRules.FORBIDDEN, "only companions have a companion profile");
        }
        CompanionProfile profile = profile(RuleViolation.require(input, "profile"));
        return transactions.inTransaction(() -> {
            var current = companions.lock(actor.userId()).orElseThrow(() -> notFound(actor.userId()));
            companions.saveProfile(actor.userId(), profile, CompanionRules.afterProfileSaved(current.status()),
                    clock.instant());
            return companions.find(actor.userId()).orElseThrow();
        });
    }

    private CompanionProfile profile(ProfileInput input) {
        Year thisYear = Year.now(clock);
        PhotoUrl photo = input.photoUrl() == null || input.photoUrl().isBlank() ? null
                : PhotoUrl.parse(input.photoUrl());
        if (photo != null && photo.literalAddress().isEmpty()) {
            PhotoUrl.requirePublic(hosts.resolve(photo.host()));
        }
        return new CompanionProfile(input.displayName(), input.bio(), photo,
                input.languages() == null ? null : new HashSet<>(input.languages()),
                Gender.ofCode(input.gender(), "gender"),
                CompanionProfile.requireAdultBirthYear(RuleViolation.require(input.birthYear(), "birthYear"),
                        thisYear),
                CompanionProfile.skills(input.skills()),
                RuleViolation.require(input.yearsOfExperience(), "yearsOfExperience"),
                TimeZones.require(input.timeZone(), "timeZone"));
    }

    @Override
    public CompanionRegistry.Companion find(Actor viewer, String companionId) {
        return companions.find(companionId)
                .filter(companion -> CompanionRules.isVisible(viewer, companionId, companion.status()))
                .orElseThrow(() -> notFound(companionId));
    }

    @Override
    public Page<CompanionRegistry.Companion> list(Actor viewer, CompanionSearch search, String cursor, int limit) {
        int size = Cursors.limit(limit);
        String after = Cursors.decode(CURSOR, cursor);
        Year thisYear = Year.now(clock);
        var found = companions.search(new CompanionRegistry.Query(search, search.latestBirthYear(thisYear),
                search.earliestBirthYear(thisYear), after, size + 1));
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        var page = found.subList(0, size);
        return new Page<>(page, Cursors.encode(CURSOR, page.getLast().companionId()));
    }

    @Override
    public CompanionRegistry.Companion suspend(Actor actor, String companionId, String reason) {
        return changeStatus(actor, companionId, reason, StaffActionKind.COMPANION_SUSPENDED);
    }

    @Override
    public CompanionRegistry.Companion reinstate(Actor actor, String companionId, String reason) {
        return changeStatus(actor, companionId, reason, StaffActionKind.COMPANION_REINSTATED);
    }

    private CompanionRegistry.Companion changeStatus(Actor actor, String companionId, String reason,
                                                     StaffActionKind kind) {
        RuleViolation.requireText(reason, "reason");
        return transactions.inTransaction(() -> {
            CompanionRules.requireMaySuspend(actor, companionId, teams.supervisorOf(companionId));
            var current = companions.lock(companionId).orElseThrow(() -> notFound(companionId));
            CompanionStatus next = kind == StaffActionKind.COMPANION_SUSPENDED
                    ? CompanionRules.suspend(current.status())
                    : CompanionRules.reinstate(current.status(), current.profile() != null);
            Instant now = clock.instant();
            companions.setStatus(companionId, next, now); // a suspended companion is never available (not active)
            record(actor, kind, companionId, current.status().name(), next.name(), reason, now);
            log.log(System.Logger.Level.INFO, "{0}: companion {1} {2} -> {3}", actor.recorded(), companionId,
                    current.status(), next);
            return companions.find(companionId).orElseThrow();
        });
    }

    @Override
    public boolean seesStaffFields(Actor viewer, String companionId) {
        return viewer.role().isSupervisorOrAbove() && CompanionScope.mayActOn(viewer, companionId,
                teams.supervisorOf(companionId)) || viewer.userId().equals(companionId);
    }

    private void record(Actor actor, StaffActionKind kind, String subject, String before, String after,
                        String reason, Instant at) {
        trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(), kind, subject, before, after,
                reason, at));
    }

    static RuleViolation notFound(String companionId) {
        return RuleViolation.notFound(CompanionRules.NOT_FOUND, "no companion " + companionId);
    }
}
