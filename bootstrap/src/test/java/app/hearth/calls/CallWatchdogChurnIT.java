package app.hearth.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.calls.Calls;
import app.hearth.application.calls.CallStates;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.support.HearthNode;
import app.hearth.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reliability test #7, the call watchdog under churn: 200 connected calls on two nodes; clients stop heartbeating at
 * random, some hang up, and node B (which serves half of the calls) is stopped in the middle of them and restarted.
 * Every call ends exactly once, none stays active more than 45 s + 10 s after its last heartbeat, and none is billed
 * beyond the last moment both sides were proven alive. Printed: the seed (to replay a failure) and the figures.
 */
class CallWatchdogChurnIT extends CallsIntegrationTest {

    static final int CALLS = 200;
    static final Duration STEP = Duration.ofSeconds(5);

    @Autowired
    Calls nodeA;
    @Autowired
    CallStates states;

    /** One simulated call: its participants, the node its clients talk to, and what they do. */
    static final class Sim {
        final String callId;
        final Actor member;
        final Actor companion;
        final boolean onNodeB;
        final int memberStopsAt;
        final int companionStopsAt;
        final int hangsUpAt;
        Instant memberLast;
        Instant companionLast;
        Instant hungUpAt;
        boolean done;

        Sim(String callId, Actor member, Actor companion, boolean onNodeB, Random random) {
            this.callId = callId;
            this.member = member;
            this.companion = companion;
            this.onNodeB = onNodeB;
            // steps of 5 s: a third stop heartbeating (one side or both), a third hang up, a third talk to the end
            int fate = random.nextInt(3);
            int at = 4 + random.nextInt(28);
            this.memberStopsAt = fate == 0 && random.nextBoolean() ? at : Integer.MAX_VALUE;
            this.companionStopsAt = fate == 0 && memberStopsAt == Integer.MAX_VALUE ? at : Integer.MAX_VALUE;
            this.hangsUpAt = fate == 1 ? at : Integer.MAX_VALUE;
        }

        Instant lastAlive() {
            Instant member = memberLast;
            Instant companion = companionLast;
            return member.isBefore(companion) ? member : companion;
        }
    }

    HearthNode nodeB() {
        return HearthNode.onTestDatabase().with(new TestClock.Initializer()).start();
    }

    @Test
    void twoHundredCallsWithVanishingClientsAndANodeRestartEachEndOnceInTimeAndAreNeverOverBilled() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CallWatchdogChurnIT seed " + seed);
        Random random = new Random(seed);
        var sims = new ArrayList<Sim>();
        for (int i = 0; i < CALLS; i++) {
            String memberId = id("churn-m" + i);
            String companionId = id("churn-c" + i);
            member(memberId, 10_000);
            availableCompanion(companionId);
            sims.add(new Sim(id("churn-call-" + i), new Actor(memberId, Role.MEMBER),
                    new Actor(companionId, Role.COMPANION), i % 2 == 1, random));
        }
        HearthNode nodeB = nodeB();
        try {
            Calls callsB = nodeB.bean(Calls.class);
            for (Sim sim : sims) {
                Calls node = sim.onNodeB ? callsB : nodeA;
                node.request(sim.member, sim.callId, sim.companion.userId(), CallKind.AUDIO);
                node.accept(sim.companion, sim.callId);
                node.heartbeat(sim.member, sim.callId);
                node.heartbeat(sim.companion, sim.callId);
                sim.memberLast = CLOCK.instant();
                sim.companionLast = sim.memberLast;
                assertThat(states.state(sim.callId)).isInstanceOf(CallSession.Connected.class);
            }
            for (int step = 1; step <= 40; step++) {
                CLOCK.advance(STEP);
                if (step == 12) {
                    nodeB.close(); // in the middle of the calls: its clients fail over to node A
                    System.out.println("node B stopped at step 12");
                }
                if (step == 18) {
                    nodeB = nodeB();
                    callsB = nodeB.bean(Calls.class);
                    System.out.println("node B restarted at step 18");
                }
                boolean bUp = step < 12 || step >= 18;
                for (Sim sim : sims) {
                    if (sim.done) {
                        continue;
                    }
                    Calls node = sim.onNodeB && bUp ? callsB : nodeA;
                    try {
                        if (step == sim.hangsUpAt) {
                            node.hangUp(random.nextBoolean() ? sim.member : sim.companion, sim.callId);
                            sim.hungUpAt = CLOCK.instant();
                            sim.done = true;
                            continue;
                        }
                        boolean beat = step % 2 == 0; // every 10 s of the clock
                        if (beat && step < sim.memberStopsAt) {
                            node.heartbeat(sim.member, sim.callId);
                            sim.memberLast = CLOCK.instant();
                        }
                        if (beat && step < sim.companionStopsAt) {
                            node.heartbeat(sim.companion, sim.callId);
                            sim.companionLast = CLOCK.instant();
                        }
                    } catch (RuleViolation ended) {
                        assertThat(ended.code()).as(sim.callId).isEqualTo("CALL_ENDED");
                        sim.done = true;
                    }
                }
                Thread.sleep(1_500); // real time for the liveness boards to share and the watchdogs to look
            }
            // the calls still talking hang up at the end
            for (Sim sim : sims) {
                if (!(states.state(sim.callId) instanceof CallSession.Ended)) {
                    if (sim.memberStopsAt == Integer.MAX_VALUE && sim.companionStopsAt == Integer.MAX_VALUE) {
                        nodeA.hangUp(sim.member, sim.callId);
                        sim.hungUpAt = CLOCK.instant();
                    }
                }
            }
            CLOCK.advance(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    sims.stream().allMatch(sim -> states.state(sim.callId) instanceof CallSession.Ended));
        } finally {
            nodeB.close();
        }

        int lost = 0;
        int hungUp = 0;
        long latestEnd = 0;
        for (Sim sim : sims) {
            Long ends = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND type = 'Call' AND payload_type LIKE '%CallEnded'", Long.class, "call:" + sim.callId);
            assertThat(ends).as("ends of %s", sim.callId).isEqualTo(1);
            var ended = (CallSession.Ended) states.state(sim.callId);
            // a hang-up proves its side alive at that moment
            Instant lastAlive = sim.hungUpAt != null && sim.hungUpAt.isAfter(sim.lastAlive()) ? sim.hungUpAt
                    : sim.lastAlive();
            assertThat(ended.billableUntil()).as("billed end of %s (%s)", sim.callId, ended.reason())
                    .isBeforeOrEqualTo(lastAlive);
            if (ended.reason() == EndReason.CONNECTION_LOST) {
                lost++;
                Instant lastHeartbeat = sim.lastAlive();
                Instant endedAt = endedAt(sim.callId);
                long after = Duration.between(lastHeartbeat, endedAt).toSeconds();
                latestEnd = Math.max(latestEnd, after);
                assertThat(after).as("seconds from the last heartbeat of %s to its end", sim.callId)
                        .isLessThanOrEqualTo(45 + 10);
                assertThat(ended.billableUntil()).isBeforeOrEqualTo(lastHeartbeat);
            } else {
                hungUp++;
            }
        }
        System.out.printf("churn: %d calls, %d lost (ended at most %d s after the last heartbeat), %d hung up%n",
                CALLS, lost, latestEnd, hungUp);
        assertThat(lost).isPositive();
    }

    /** When the call's end was recorded (the watchdog's clock at the time it acted). */
    Instant endedAt(String callId) {
        String at = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::json->>'at' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%CallEnded'", String.class, "call:" + callId);
        return Instant.parse(at);
    }
}
