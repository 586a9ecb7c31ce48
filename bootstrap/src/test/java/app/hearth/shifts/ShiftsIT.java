package app.hearth.shifts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import app.hearth.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Shifts (ADR 0052) on a {@link TestClock}: two teams, A (supervisor supA, companion kA in Europe/London) and B
 * (supB, kB in Asia/Tokyo). Planning and views are held to the team; requests are decided by the team's supervisor
 * or an admin; clocking keeps its windows and a shift not started in time is marked missed by its persistent
 * wake-up; an approved day off cancels that day's planned shifts, no shift is planned on it, and it is not approved
 * over a shift started that day; adherence has its figures, and a late shift's
 * proposal confirmed by the supervisor is a penalty in the companion's earnings.
 */
@ContextConfiguration(initializers = TestClock.Initializer.class)
@DirtiesContext
class ShiftsIT extends IntegrationTest {

    static final TestClock CLOCK = TestClock.INSTANCE;
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final String u = UUID.randomUUID().toString().substring(0, 8);
    private final String kA = id("k-a");
    private final String kB = id("k-b");
    private Api admin;
    private Api supA;
    private Api supB;
    private Api companionA;
    private String teamA;
    private String teamB;

    private String id(String name) {
        return name + "-" + u;
    }

    @BeforeEach
    void twoTeams() {
        signIn();
        companion(kA, "Europe/London");
        companion(kB, "Asia/Tokyo");
        teamA = team("shifts a " + u, id("sup-a"), kA);
        teamB = team("shifts b " + u, id("sup-b"), kB);
    }

    private void companion(String companionId, String zone) {
        assertThat(admin.post("/api/v1/companions", Map.of("userId", companionId, "displayName", "C " + companionId))
                .status()).isEqualTo(201);
        var saved = as("companion", companionId).put("/api/v1/me/companion-profile", Map.of("displayName",
                "C " + companionId, "languages", List.of("en"), "gender", "female", "birthYear", 1970,
                "yearsOfExperience", 5, "timeZone", zone));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
    }

    private String team(String name, String supervisorId, String companionId) {
        var created = admin.post("/api/v1/teams", Map.of("name", name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String teamId = created.body().get("teamId").asString();
        assertThat(admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", supervisorId))
                .status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/companions/" + companionId + "/team", Map.of("teamId", teamId)).status())
                .isEqualTo(200);
        return teamId;
    }

    /** The wall-clock minute in {@code zone} at or after {@code at}. */
    static LocalDateTime local(Instant at, ZoneId zone) {
        LocalDateTime time = LocalDateTime.ofInstant(at, zone);
        LocalDateTime minute = time.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(time) ? minute : minute.plusMinutes(1);
    }

    private Api.Response plan(Api staff, String companionId, LocalDateTime start, LocalDateTime end) {
        return staff.post("/api/v1/companions/" + companionId + "/shifts", Map.of("start", start.toString(),
                "end", end.toString()));
    }

    private JsonNode planned(Api staff, String companionId, LocalDateTime start, LocalDateTime end) {
        var response = plan(staff, companionId, start, end);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.body();
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asString());
    }

    private static LocalDateTime localTime(JsonNode node, String field) {
        return LocalDateTime.parse(node.get(field).asString());
    }

    /** Fresh tokens: the local issuer's last an hour of the (test) clock. */
    private void signIn() {
        admin = as("admin", id("admin"));
        supA = as("supervisor", id("sup-a"));
        supB = as("supervisor", id("sup-b"));
        companionA = as("companion", kA);
    }

    private void advanceTo(Instant at) {
        Duration step = Duration.between(CLOCK.instant(), at);
        if (step.isPositive()) {
            advance(step);
        }
    }

    private void advance(Duration step) {
        CLOCK.advance(step);
        signIn();
    }

    private static List<String> ids(JsonNode list, String field) {
        var ids = new ArrayList<String>();
        list.forEach(item -> ids.add(item.get(field).asString()));
        return ids;
    }

    private JsonNode shiftOf(Api reader, String path, String shiftId) {
        for (JsonNode shift : reader.get(path).body()) {
            if (shift.get("shiftId").asString().equals(shiftId)) {
                return shift;
            }
        }
        return null;
    }

    /** {@code ?from=...&to=...}; after another parameter, {@code &} + this without its {@code ?}. */
    private String range(LocalDate from, LocalDate to) {
        return "?from=" + from + "&to=" + to;
    }

    @Test
    void staffPlanTheirTeamsShiftsWhichNeverOverlapAndEveryoneInScopeReadsThem() {
        LocalDateTime start = local(CLOCK.instant().plus(Duration.ofHours(2)), LONDON);
        JsonNode shift = planned(supA, kA, start, start.plusHours(8));
        String shiftId = shift.get("shiftId").asString();
        assertThat(shift.get("status").asString()).isEqualTo("PLANNED");
        assertThat(shift.get("timeZone").asString()).isEqualTo("Europe/London");
        assertThat(localTime(shift, "plannedStart")).isEqualTo(start);
        assertThat(instant(shift, "plannedStartAt")).isEqualTo(start.atZone(LONDON).toInstant());

        var overlapping = plan(supA, kA, start.plusHours(7), start.plusHours(10));
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.code()).isEqualTo("SHIFT_OVERLAPS");
        assertThat(plan(supA, kA, start.plusHours(8), start.plusHours(10)).status()).as("touching is fine")
                .isEqualTo(201);
        assertThat(plan(supA, kA, start, start.minusHours(1)).code()).isEqualTo("SHIFT_ENDS_BEFORE_START");
        assertThat(plan(supA, kA, start.minusDays(1), start.minusDays(1).plusHours(2)).code())
                .isEqualTo("SHIFT_IN_THE_PAST");
        var otherTeam = plan(supA, kB, start, start.plusHours(2));
        assertThat(otherTeam.status()).isEqualTo(403);
        assertThat(otherTeam.code()).isEqualTo("COMPANION_OUTSIDE_YOUR_TEAM");
        assertThat(plan(companionA, kA, start.plusDays(3), start.plusDays(3).plusHours(1)).status()).isEqualTo(403);

        // a night shift in Tokyo, planned by an admin, crosses midnight and belongs to the day it starts
        LocalDate tokyoDay = LocalDate.ofInstant(CLOCK.instant(), TOKYO).plusDays(2);
        JsonNode night = planned(admin, kB, tokyoDay.atTime(22, 0), tokyoDay.plusDays(1).atTime(6, 0));
        assertThat(night.get("day").asString()).isEqualTo(tokyoDay.toString());
        assertThat(Duration.between(instant(night, "plannedStartAt"), instant(night, "plannedEndAt")))
                .isEqualTo(Duration.ofHours(8));

        LocalDate day = start.toLocalDate();
        String days = range(day.minusDays(1), day.plusDays(1));
        assertThat(ids(companionA.get("/api/v1/me/shifts" + days).body(), "shiftId")).contains(shiftId);
        assertThat(ids(supA.get("/api/v1/teams/" + teamA + "/shifts" + days).body(), "shiftId")).contains(shiftId);
        assertThat(ids(supA.get("/api/v1/companions/" + kA + "/shifts" + days).body(), "shiftId"))
                .contains(shiftId);
        assertThat(supB.get("/api/v1/teams/" + teamA + "/shifts").code()).isEqualTo("TEAM_NOT_FOUND");
        assertThat(supA.get("/api/v1/companions/" + kB + "/shifts").status()).isEqualTo(403);
        assertThat(ids(admin.get("/api/v1/teams/" + teamB + "/shifts" + range(tokyoDay, tokyoDay)).body(),
                "shiftId")).containsExactly(night.get("shiftId").asString());
        assertThat(ids(supB.get("/api/v1/companions/" + kB + "/shifts" + range(tokyoDay, tokyoDay)).body(),
                "companionId")).containsOnly(kB);
        assertThat(companionA.get("/api/v1/me/shifts?from=2026-01-01&to=2026-12-31").code())
                .isEqualTo("DATE_RANGE_TOO_LONG");

        // staff changes are in the staff audit trail; a cancelled shift frees its time and its wake-up
        assertThat(jdbc.queryForObject("select count(*) from staff_action where kind = 'SHIFT_PLANNED' and subject = ?",
                Long.class, shiftId)).isEqualTo(1);
        assertThat(supB.post("/api/v1/shifts/" + shiftId + "/cancellation", Map.of("reason", "x")).status())
                .isEqualTo(404);
        var cancelled = supA.post("/api/v1/shifts/" + shiftId + "/cancellation", Map.of("reason", "training day"));
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(wakeUps(shiftId)).isZero();
        assertThat(plan(supA, kA, start.plusHours(1), start.plusHours(3)).status()).isEqualTo(201);
    }

    private long wakeUps(String shiftId) {
        return jdbc.queryForObject("select count(*) from deadline where kind = 'shift-missed' and deadline_key = ?",
                Long.class, shiftId);
    }

    @Test
    void aCompanionsRequestsAreApprovedOrDeclinedByTheirTeamsSupervisorOrAnAdmin() {
        LocalDate day = LocalDate.ofInstant(CLOCK.instant(), LONDON).plusDays(10);
        var asked = companionA.post("/api/v1/me/shift-requests", Map.of("kind", "NEW_SHIFT",
                "start", day.atTime(9, 0).toString(), "end", day.atTime(17, 0).toString(), "note", "extra hours"));
        assertThat(asked.status()).as(asked.raw().body()).isEqualTo(201);
        assertThat(asked.body().get("status").asString()).isEqualTo("PENDING");
        String requestId = asked.body().get("requestId").asString();

        assertThat(supB.post("/api/v1/shift-requests/" + requestId + "/approval", null).code())
                .isEqualTo("SHIFT_REQUEST_NOT_FOUND");
        assertThat(supA.post("/api/v1/shift-requests/" + requestId + "/decline", Map.of("reason", " ")).code())
                .isEqualTo("REASON_REQUIRED");
        assertThat(ids(supA.get("/api/v1/teams/" + teamA + "/shift-requests?status=PENDING").body(), "requestId"))
                .contains(requestId);
        assertThat(supB.get("/api/v1/teams/" + teamA + "/shift-requests").status()).isEqualTo(404);
        var approved = supA.post("/api/v1/shift-requests/" + requestId + "/approval", null);
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.body().get("status").asString()).isEqualTo("APPROVED");
        String shiftId = approved.body().get("resultShiftId").asString();
        assertThat(supA.post("/api/v1/shift-requests/" + requestId + "/approval", null).code())
                .isEqualTo("SHIFT_REQUEST_ALREADY_DECIDED");
        JsonNode shift = shiftOf(companionA, "/api/v1/me/shifts" + range(day, day), shiftId);
        assertThat(shift.get("status").asString()).isEqualTo("PLANNED");
        assertThat(wakeUps(shiftId)).isEqualTo(1);

        // a change moves the planned shift once approved (here by an admin)
        var change = companionA.post("/api/v1/me/shift-requests", Map.of("kind", "SHIFT_CHANGE",
                "shiftId", shiftId, "start", day.atTime(10, 0).toString(), "end", day.atTime(18, 0).toString()));
        assertThat(change.status()).as(change.raw().body()).isEqualTo(201);
        var moved = admin.post("/api/v1/shift-requests/" + change.body().get("requestId").asString() + "/approval",
                null);
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        shift = shiftOf(companionA, "/api/v1/me/shifts" + range(day, day), shiftId);
        assertThat(localTime(shift, "plannedStart")).isEqualTo(day.atTime(10, 0));
        assertThat(localTime(shift, "plannedEnd")).isEqualTo(day.atTime(18, 0));

        // a request overlapping a planned shift is refused at once; a declined one keeps its reason
        assertThat(companionA.post("/api/v1/me/shift-requests", Map.of("kind", "NEW_SHIFT",
                "start", day.atTime(17, 0).toString(), "end", day.atTime(20, 0).toString())).code())
                .isEqualTo("SHIFT_OVERLAPS");
        var dayOff = companionA.post("/api/v1/me/shift-requests", Map.of("kind", "DAY_OFF",
                "day", day.plusDays(1).toString()));
        var declined = supA.post("/api/v1/shift-requests/" + dayOff.body().get("requestId").asString() + "/decline",
                Map.of("reason", "short-staffed that day"));
        assertThat(declined.status()).as(declined.raw().body()).isEqualTo(200);
        assertThat(declined.body().get("status").asString()).isEqualTo("DECLINED");
        assertThat(declined.body().get("reason").asString()).isEqualTo("short-staffed that day");
        JsonNode mine = companionA.get("/api/v1/me/shift-requests").body();
        assertThat(ids(mine, "status")).containsExactly("DECLINED", "APPROVED", "APPROVED");
        assertThat(jdbc.queryForObject("select count(*) from staff_action where kind in "
                + "('SHIFT_REQUEST_APPROVED', 'SHIFT_REQUEST_DECLINED') and subject in (?, ?, ?)", Long.class,
                requestId, change.body().get("requestId").asString(), dayOff.body().get("requestId").asString()))
                .isEqualTo(3);
    }

    @Test
    void anApprovedDayOffCancelsThatLocalDaysPlannedShiftsOnly() {
        LocalDate day = LocalDate.ofInstant(CLOCK.instant(), LONDON).plusDays(20);
        String morning = planned(supA, kA, day.atTime(9, 0), day.atTime(12, 0)).get("shiftId").asString();
        String night = planned(supA, kA, day.atTime(22, 0), day.plusDays(1).atTime(4, 0)).get("shiftId").asString();
        String nextDay = planned(supA, kA, day.plusDays(1).atTime(9, 0), day.plusDays(1).atTime(12, 0))
                .get("shiftId").asString();
        var dayOff = companionA.post("/api/v1/me/shift-requests", Map.of("kind", "DAY_OFF", "day", day.toString()));
        assertThat(dayOff.status()).as(dayOff.raw().body()).isEqualTo(201);
        var approved = supA.post("/api/v1/shift-requests/" + dayOff.body().get("requestId").asString() + "/approval",
                null);
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        String days = "/api/v1/me/shifts" + range(day, day.plusDays(1));
        assertThat(shiftOf(companionA, days, morning).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(shiftOf(companionA, days, night).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(shiftOf(companionA, days, nextDay).get("status").asString()).isEqualTo("PLANNED");
        assertThat(wakeUps(morning) + wakeUps(night)).isZero();
        assertThat(wakeUps(nextDay)).isEqualTo(1);
    }

    @Test
    void noShiftIsPlannedAskedForOrApprovedOnAnApprovedDayOff() {
        LocalDate day = LocalDate.ofInstant(CLOCK.instant(), LONDON).plusDays(30);
        var askedBefore = companionA.post("/api/v1/me/shift-requests", Map.of("kind", "NEW_SHIFT",
                "start", day.atTime(9, 0).toString(), "end", day.atTime(12, 0).toString()));
        assertThat(askedBefore.status()).as(askedBefore.raw().body()).isEqualTo(201);
        String nextDay = planned(supA, kA, day.plusDays(1).atTime(9, 0), day.plusDays(1).atTime(12, 0))
                .get("shiftId").asString();
        var dayOff = companionA.post("/api/v1/me/shift-requests", Map.of("kind", "DAY_OFF", "day", day.toString()));
        assertThat(supA.post("/api/v1/shift-requests/" + dayOff.body().get("requestId").asString() + "/approval",
                null).status()).isEqualTo(200);

        var planning = plan(supA, kA, day.atTime(13, 0), day.atTime(17, 0));
        assertThat(planning.status()).as(planning.raw().body()).isEqualTo(409);
        assertThat(planning.code()).isEqualTo("DAY_OFF");
        assertThat(planning.body().get("field").asString()).isEqualTo("start");
        assertThat(plan(admin, kA, day.atTime(22, 0), day.plusDays(1).atTime(4, 0)).code())
                .as("a night shift starting on the day off is on it").isEqualTo("DAY_OFF");
        assertThat(plan(supA, kA, day.minusDays(1).atTime(22, 0), day.atTime(6, 0)).status())
                .as("the night before belongs to the day before").isEqualTo(201);

        // a new shift asked for before the day off was approved is refused when approved, and stays pending
        String askedId = askedBefore.body().get("requestId").asString();
        var approving = supA.post("/api/v1/shift-requests/" + askedId + "/approval", null);
        assertThat(approving.status()).as(approving.raw().body()).isEqualTo(409);
        assertThat(approving.code()).isEqualTo("DAY_OFF");
        assertThat(ids(supA.get("/api/v1/teams/" + teamA + "/shift-requests?status=PENDING").body(), "requestId"))
                .contains(askedId);
        // asked for now, or a change moving a shift onto it: refused at once
        assertThat(companionA.post("/api/v1/me/shift-requests", Map.of("kind", "NEW_SHIFT",
                "start", day.atTime(14, 0).toString(), "end", day.atTime(15, 0).toString())).code())
                .isEqualTo("DAY_OFF");
        assertThat(companionA.post("/api/v1/me/shift-requests", Map.of("kind", "SHIFT_CHANGE", "shiftId", nextDay,
                "start", day.atTime(9, 0).toString(), "end", day.atTime(12, 0).toString())).code())
                .isEqualTo("DAY_OFF");
        assertThat(shiftOf(companionA, "/api/v1/me/shifts" + range(day, day.plusDays(1)), nextDay).get("status")
                .asString()).isEqualTo("PLANNED");
    }

    @Test
    void aDayOffIsNotApprovedOverAShiftStartedThatDayUntilTheCompanionStopsIt() {
        LocalDateTime start = local(CLOCK.instant().plus(Duration.ofMinutes(10)), LONDON);
        String shiftId = planned(supA, kA, start, start.plusHours(4)).get("shiftId").asString();
        var started = companionA.post("/api/v1/me/shifts/" + shiftId + "/start", null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
        LocalDate day = start.toLocalDate();
        var dayOff = companionA.post("/api/v1/me/shift-requests", Map.of("kind", "DAY_OFF", "day", day.toString()));
        assertThat(dayOff.status()).as(dayOff.raw().body()).isEqualTo(201);
        String requestId = dayOff.body().get("requestId").asString();

        var refused = supA.post("/api/v1/shift-requests/" + requestId + "/approval", null);
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("SHIFT_STARTED_ON_THAT_DAY");
        assertThat(refused.body().get("field").asString()).isEqualTo("day");
        String days = "/api/v1/me/shifts" + range(day, day);
        assertThat(shiftOf(companionA, days, shiftId).get("status").asString()).as("still running")
                .isEqualTo("STARTED");
        assertThat(ids(supA.get("/api/v1/teams/" + teamA + "/shift-requests?status=PENDING").body(), "requestId"))
                .contains(requestId);

        assertThat(companionA.post("/api/v1/me/shifts/" + shiftId + "/stop", null).status()).isEqualTo(200);
        var approved = supA.post("/api/v1/shift-requests/" + requestId + "/approval", null);
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(shiftOf(companionA, days, shiftId).get("status").asString()).isEqualTo("ENDED");
    }

    @Test
    void clockingKeepsItsWindowsAndAShiftNotStartedInTimeIsMissedByItsWakeUp() {
        LocalDateTime start = local(CLOCK.instant().plus(Duration.ofMinutes(60)), LONDON);
        JsonNode first = planned(supA, kA, start, start.plusHours(1));
        JsonNode second = planned(supA, kA, start.plusHours(3), start.plusHours(4));
        String s1 = first.get("shiftId").asString();
        String s2 = second.get("shiftId").asString();
        String me = "/api/v1/me/shifts/";

        var early = companionA.post(me + s1 + "/start", null);
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.code()).isEqualTo("TOO_EARLY_TO_START");
        assertThat(as("companion", kB).post(me + s1 + "/start", null).status()).as("not theirs").isEqualTo(404);
        advanceTo(instant(first, "plannedStartAt").minus(Duration.ofMinutes(14)));
        var started = companionA.post(me + s1 + "/start", null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
        assertThat(started.body().get("status").asString()).isEqualTo("STARTED");
        assertThat(wakeUps(s1)).isZero();
        assertThat(companionA.post(me + s1 + "/break-end", null).code()).isEqualTo("NOT_ON_BREAK");
        assertThat(companionA.post(me + s1 + "/break-start", null).body().get("onBreak").asBoolean()).isTrue();
        assertThat(companionA.post(me + s1 + "/break-start", null).code()).isEqualTo("ALREADY_ON_BREAK");
        assertThat(companionA.post(me + s1 + "/break-end", null).body().get("onBreak").asBoolean()).isFalse();
        var stopped = companionA.post(me + s1 + "/stop", null);
        assertThat(stopped.body().get("status").asString()).isEqualTo("ENDED");
        assertThat(stopped.body().get("breaks")).hasSize(1);
        assertThat(companionA.post(me + s1 + "/stop", null).code()).isEqualTo("SHIFT_NOT_STARTED");
        // every clocking told presence, in its transaction
        assertThat(jdbc.queryForObject("select count(*) from companion_presence where companion_id = ?", Long.class,
                kA)).isEqualTo(1);

        // the second is not started: 30 minutes after its planned start its wake-up marks it missed
        assertThat(wakeUps(s2)).isEqualTo(1);
        advanceTo(instant(second, "plannedStartAt").plus(Duration.ofMinutes(31)));
        String days = "/api/v1/me/shifts" + range(start.toLocalDate(), start.plusHours(4).toLocalDate());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> shiftOf(companionA, days, s2).get("status").asString().equals("MISSED"));
        assertThat(wakeUps(s2)).isZero();
        assertThat(companionA.post(me + s2 + "/start", null).code()).isEqualTo("SHIFT_NOT_PLANNED");

        // it proposes MISSED_SHIFT; the team's supervisor dismisses it with a reason
        var answered = supA.get("/api/v1/admin/adherence?companionId=" + kA + "&" + range(start.toLocalDate(),
                start.plusHours(4).toLocalDate()).substring(1));
        assertThat(answered.status()).as(answered.raw().body()).isEqualTo(200);
        JsonNode report = answered.body();
        JsonNode missed = null;
        for (JsonNode row : report.get("shifts")) {
            if (row.get("shift").get("shiftId").asString().equals(s2)) {
                missed = row;
            }
        }
        assertThat(missed.get("adherence").get("missed").asBoolean()).isTrue();
        JsonNode proposal = missed.get("proposals").get(0);
        assertThat(proposal.get("policyCode").asString()).isEqualTo("MISSED_SHIFT");
        String proposalId = proposal.get("proposalId").asString();
        assertThat(supA.post("/api/v1/admin/shift-penalty-proposals/" + proposalId + "/dismissal",
                Map.of("reason", "")).code()).isEqualTo("REASON_REQUIRED");
        var dismissed = supA.post("/api/v1/admin/shift-penalty-proposals/" + proposalId + "/dismissal",
                Map.of("reason", "the trains were on strike"));
        assertThat(dismissed.status()).as(dismissed.raw().body()).isEqualTo(200);
        assertThat(dismissed.body().get("status").asString()).isEqualTo("DISMISSED");
    }

    @Test
    void adherenceFiguresAndALateShiftsProposalConfirmedIntoAPenaltyInTheEarnings() {
        // no earnings account yet: confirming the proposal opens it
        LocalDateTime start = local(CLOCK.instant().plus(Duration.ofMinutes(30)), LONDON);
        JsonNode shift = planned(supA, kA, start, start.plusHours(4));
        String shiftId = shift.get("shiftId").asString();
        String me = "/api/v1/me/shifts/" + shiftId;
        Instant plannedStart = instant(shift, "plannedStartAt");

        advanceTo(plannedStart.plus(Duration.ofMinutes(10)).plusSeconds(5));
        JsonNode started = companionA.post(me + "/start", null).body();
        companionA.post(me + "/break-start", null);
        advance(Duration.ofMinutes(25));
        companionA.post(me + "/break-end", null);
        advance(Duration.ofMinutes(60));
        JsonNode stopped = companionA.post(me + "/stop", null).body();
        Instant startedAt = instant(started, "startedAt");
        Instant endedAt = instant(stopped, "endedAt");
        JsonNode pause = stopped.get("breaks").get(0);

        LocalDate day = start.toLocalDate();
        String query = "/api/v1/admin/adherence?companionId=" + kA + "&" + range(day, day).substring(1);
        var answered = supA.get(query);
        assertThat(answered.status()).as(answered.raw().body()).isEqualTo(200);
        JsonNode report = answered.body();
        JsonNode row = null;
        for (JsonNode candidate : report.get("shifts")) {
            if (candidate.get("shift").get("shiftId").asString().equals(shiftId)) {
                row = candidate;
            }
        }
        JsonNode adherence = row.get("adherence");
        assertThat(adherence.get("minutesLate").asInt())
                .isEqualTo(Duration.between(plannedStart, startedAt).toMinutes()).isEqualTo(10);
        assertThat(adherence.get("minutesLeftEarly").asInt())
                .isEqualTo(Duration.between(endedAt, instant(shift, "plannedEndAt")).toMinutes());
        int breakMinutes = (int) Duration.between(instant(pause, "startedAt"), instant(pause, "endedAt")).toMinutes();
        assertThat(adherence.get("breakMinutes").asInt()).isEqualTo(breakMinutes).isEqualTo(25);
        assertThat(adherence.get("breakAllowanceMinutes").asInt()).isEqualTo(15);
        assertThat(adherence.get("breakOverrunMinutes").asInt()).isEqualTo(10);
        assertThat(adherence.get("awayMinutes").asInt()).isEqualTo(awayMinutes(kA, startedAt, endedAt));
        assertThat(adherence.get("missed").asBoolean()).isFalse();
        JsonNode totals = report.get("companions").get(0);
        assertThat(totals.get("companionId").asString()).isEqualTo(kA);
        assertThat(totals.get("lateShifts").asInt()).isEqualTo(1);

        // scope: another team's supervisor sees none of it
        assertThat(supB.get(query).status()).isEqualTo(403);
        assertThat(ids(supB.get("/api/v1/admin/adherence" + range(day, day)).body().get("companions"),
                "companionId")).doesNotContain(kA);
        assertThat(ids(admin.get("/api/v1/admin/adherence?teamId=" + teamA + "&" + range(day, day).substring(1)).body()
                .get("companions"), "companionId")).containsExactly(kA);
        assertThat(supB.get("/api/v1/admin/adherence?teamId=" + teamA).code()).isEqualTo("TEAM_NOT_FOUND");

        // the late start proposed LATE_FOR_SHIFT; only the team's supervisor confirms it, into a penalty
        JsonNode proposal = row.get("proposals").get(0);
        assertThat(proposal.get("policyCode").asString()).isEqualTo("LATE_FOR_SHIFT");
        assertThat(proposal.get("status").asString()).isEqualTo("PROPOSED");
        String confirm = "/api/v1/admin/shift-penalty-proposals/" + proposal.get("proposalId").asString()
                + "/confirmation";
        assertThat(admin.post(confirm, null).status()).isEqualTo(403);
        assertThat(supB.post(confirm, null).code()).isEqualTo("PENALTY_PROPOSAL_NOT_FOUND");
        var confirmed = supA.post(confirm, null);
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asString()).isEqualTo("CONFIRMED");
        String entryId = confirmed.body().get("penaltyEntryId").asString();
        assertThat(supA.post(confirm, null).code()).isEqualTo("PENALTY_PROPOSAL_ALREADY_DECIDED");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var entries = companionA.get("/api/v1/companions/" + kA + "/earnings/entries?kind=PENALTY");
            return entries.status() == 200 && entries.body().get("items").size() == 1;
        });
        JsonNode penalty = companionA.get("/api/v1/companions/" + kA + "/earnings/entries?kind=PENALTY").body()
                .get("items").get(0);
        assertThat(penalty.get("entryId").asString()).isEqualTo(entryId);
        assertThat(penalty.get("coins").asLong()).isEqualTo(-50);
        assertThat(jdbc.queryForObject("select count(*) from staff_action where kind = 'SHIFT_PENALTY_CONFIRMED' "
                + "and subject = ?", Long.class, proposal.get("proposalId").asString())).isEqualTo(1);
    }

    /** The minutes presence recorded the companion AWAY between {@code from} and {@code to}, from its table. */
    private int awayMinutes(String companionId, Instant from, Instant to) {
        var rows = jdbc.queryForList("select state, changed_at from companion_presence_change where companion_id = ? "
                + "order by changed_at, position", companionId);
        Duration away = Duration.ZERO;
        for (int i = 0; i < rows.size(); i++) {
            if (!"AWAY".equals(rows.get(i).get("state"))) {
                continue;
            }
            Instant begin = max(((java.sql.Timestamp) rows.get(i).get("changed_at")).toInstant(), from);
            Instant end = i + 1 < rows.size()
                    ? ((java.sql.Timestamp) rows.get(i + 1).get("changed_at")).toInstant() : to;
            end = end.isAfter(to) ? to : end;
            if (end.isAfter(begin)) {
                away = away.plus(Duration.between(begin, end));
            }
        }
        return (int) away.toMinutes();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
