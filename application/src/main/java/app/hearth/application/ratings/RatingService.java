package app.hearth.application.ratings;

import app.hearth.application.calls.CallHistory;
import app.hearth.application.calls.CallStates;
import app.hearth.application.chat.ChatStore;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.shared.Retry;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSetup;
import app.hearth.domain.chat.Conversation;
import app.hearth.domain.ratings.CompanionRating;
import app.hearth.domain.ratings.ConversationDays;
import app.hearth.domain.ratings.ModerationCase;
import app.hearth.domain.ratings.Rating;
import app.hearth.domain.ratings.RatingPolicy;
import app.hearth.domain.ratings.RatingSubject;
import app.hearth.domain.ratings.RatingTag;
import app.hearth.domain.ratings.Score;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Ratings in plain tables (ADR 0055). A rating and everything it moves commit together: the companion's bookkeeping
 * row is locked first (a companion's ratings run one at a time), then the rating is given or changed, a review case
 * opened when it calls for one and none was opened for it, and the companion's Bayesian rating computed again over the
 * window and written to their record with when it must be computed again.
 */
public class RatingService implements Ratings {

    private static final int ATTEMPTS = 5;

    private final RatingStore store;
    private final ModerationCaseStore cases;
    private final CallStates calls;
    private final ChatStore conversations;
    private final MemberProfiles members;
    private final CompanionRegistry companions;
    private final Transactions transactions;
    private final Clock clock;
    private final RatingPolicy policy;

    public RatingService(RatingStore store, ModerationCaseStore cases, CallStates calls, ChatStore conversations,
                         MemberProfiles members, CompanionRegistry companions, Transactions transactions, Clock clock,
                         RatingPolicy policy) {
        this.store = store;
        this.cases = cases;
        this.calls = calls;
        this.conversations = conversations;
        this.members = members;
        this.companions = companions;
        this.transactions = transactions;
        this.clock = clock;
        this.policy = policy;
    }

    /** The call's member and companion and when it ended (null while it has not), for its member only. */
    private record CallFacts(CallSetup setup, CallSession.Ended ended) {
    }

    private CallFacts call(Actor member, String callId) {
        CallSession state = calls.state(callId);
        CallSetup setup = switch (state) {
            case CallSession.NotRequested ignored -> null;
            case CallSession.Ringing ringing -> ringing.setup();
            case CallSession.Accepted accepted -> accepted.setup();
            case CallSession.Connected connected -> connected.setup();
            case CallSession.Ended ended -> ended.setup();
        };
        if (setup == null || member.role() != Role.MEMBER || !setup.memberId().equals(member.userId())) {
            throw RuleViolation.notFound(CallHistory.CALL_NOT_FOUND, "no call " + callId);
        }
        return new CallFacts(setup, state instanceof CallSession.Ended ended ? ended : null);
    }

    @Override
    public Given rateCall(Actor member, String callId, Integer score, List<String> tags) {
        CallFacts call = call(member, callId);
        Score stars = Score.of(score);
        Set<RatingTag> tagged = RatingTag.parseAll(tags);
        if (call.ended() == null || !call.ended().completed()) {
            throw RuleViolation.refused(CALL_NOT_COMPLETED, "callId", "only a completed call is rated: one that "
                    + "connected and ended by a hang-up or for want of balance");
        }
        return rate(member, new RatingSubject.Call(callId), call.setup().companionId(), call.ended().endedAt(), stars,
                tagged);
    }

    @Override
    public RatingView callRating(Actor member, String callId) {
        call(member, callId);
        return find(new RatingSubject.Call(callId));
    }

    /** The conversation, for its member only (not once they closed their account). */
    private Conversation conversation(Actor member, String conversationId) {
        return conversations.find(conversationId).map(ChatStore.Stored::conversation)
                .filter(conversation -> member.role() == Role.MEMBER && !conversation.formerMember()
                        && conversation.memberId().equals(member.userId()))
                .orElseThrow(() -> Conversation.notFound(conversationId));
    }

    private static LocalDate day(String date) {
        try {
            return LocalDate.parse(date);
        } catch (RuntimeException malformed) {
            throw RuleViolation.invalid(INVALID_DATE, "date", "the date is a day as yyyy-mm-dd");
        }
    }

    /** The member's time zone as their profile names it (UTC without one). */
    private ZoneId zoneOf(String memberId) {
        try {
            return members.timeZone(memberId).map(setting -> ZoneId.of(setting.timeZone())).orElse(ZoneOffset.UTC);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    @Override
    public Given rateConversationDay(Actor member, String conversationId, String date, Integer score,
                                     List<String> tags) {
        Conversation conversation = conversation(member, conversationId);
        LocalDate day = day(date);
        Score stars = Score.of(score);
        Set<RatingTag> tagged = RatingTag.parseAll(tags);
        ZoneId zone = zoneOf(member.userId());
        Instant from = ConversationDays.start(day, zone);
        Instant to = ConversationDays.end(day, zone);
        if (!store.bothWrote(conversationId, from, to)) {
            throw RuleViolation.refused(ConversationDays.NO_CONVERSATION, "date", "on " + day + " (" + zone
                    + ") you and the companion did not both write in this conversation");
        }
        return rate(member, new RatingSubject.ConversationDay(conversationId, day), conversation.companionId(), to,
                stars, tagged);
    }

    @Override
    public RatingView conversationDayRating(Actor member, String conversationId, String date) {
        conversation(member, conversationId);
        return find(new RatingSubject.ConversationDay(conversationId, day(date)));
    }

    private RatingView find(RatingSubject subject) {
        return store.find(subject.key()).map(this::view)
                .orElseThrow(() -> RuleViolation.notFound(Rating.NOT_FOUND, "not rated yet"));
    }

    private Given rate(Actor member, RatingSubject subject, String companionId, Instant subjectEndedAt, Score score,
                       Set<RatingTag> tags) {
        return Retry.onTransientConflict(ATTEMPTS, () -> transactions.inTransaction(() -> {
            store.lockCompanion(companionId);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            var existing = store.find(subject.key());
            Rating rating;
            if (existing.isPresent()) {
                rating = existing.get().change(score, tags, now, policy);
                store.update(rating);
            } else {
                rating = Rating.give(UUID.randomUUID().toString(), subject, member.userId(), companionId, score, tags,
                        subjectEndedAt, now, policy);
                if (!store.insert(rating)) {
                    throw new TransientConflict(subject.key() + " was rated concurrently");
                }
            }
            String teamId = companions.find(companionId).map(CompanionRegistry.Companion::teamId).orElse(null);
            ModerationCase.forRating(UUID.randomUUID().toString(), rating, teamId, now, policy)
                    .ifPresent(cases::openOnce);
            recompute(companionId, now);
            return new Given(view(rating), existing.isEmpty());
        }));
    }

    private CompanionRating recompute(String companionId, Instant now) {
        var given = store.givenSince(companionId, now.minus(policy.window())).stream()
                .map(RatingStore.InWindow::given).toList();
        CompanionRating rating = CompanionRating.at(now, given, policy);
        store.saveCompanionRating(companionId, rating);
        return rating;
    }

    @Override
    public RatingSummary mine(Actor companion) {
        if (companion.role() != Role.COMPANION) {
            throw RuleViolation.forbidden("COMPANIONS_ONLY", "only a companion has a rating");
        }
        Instant now = clock.instant();
        var window = store.givenSince(companion.userId(), now.minus(policy.window()));
        CompanionRating rating = CompanionRating.at(now, window.stream().map(RatingStore.InWindow::given).toList(),
                policy);
        Map<String, Integer> tags = new TreeMap<>();
        for (RatingTag tag : RatingTag.values()) {
            tags.put(tag.wire(), 0);
        }
        window.stream().filter(given -> given.givenAt().isBefore(now) || given.givenAt().equals(now))
                .forEach(given -> given.tags().forEach(tag -> tags.merge(tag.wire(), 1, Integer::sum)));
        return new RatingSummary(companion.userId(), rating.stars(), rating.count(),
                Math.toIntExact(policy.window().toDays()), tags);
    }

    @Override
    public int refreshDue(int limit) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<String> due = store.lockDue(now, limit);
            due.forEach(companionId -> recompute(companionId, now));
            return due.size();
        });
    }

    private RatingView view(Rating rating) {
        String callId = null;
        String conversationId = null;
        LocalDate date = null;
        switch (rating.subject()) {
            case RatingSubject.Call call -> callId = call.callId();
            case RatingSubject.ConversationDay day -> {
                conversationId = day.conversationId();
                date = day.day();
            }
        }
        return new RatingView(rating.ratingId(), rating.subject().kind(), callId, conversationId, date,
                rating.companionId(), rating.score().stars(),
                rating.tags().stream().map(RatingTag::wire).sorted().toList(), rating.givenAt(), rating.changedAt(),
                rating.changeableUntil(policy));
    }
}
