package app.hearth.domain.skills;

import app.hearth.domain.shared.RuleViolation;
import java.util.Locale;
import java.util.Optional;

/**
 * The 13 skill categories of Hearth: what a companion is good at talking about and what a member is interested
 * in. The codes are a stable, documented contract (clients and stored profiles use them): add new ones at the
 * end, never rename or remove one.
 */
public enum SkillCategory {
    LISTENING("Listening and company", "A patient ear for whatever is on your mind"),
    LIFE_STORIES("Life stories and memories", "Reminiscing, family history, the old days"),
    GRIEF_AND_LOSS("Grief and loss", "Talking through bereavement and change"),
    HEALTH_AND_WELLBEING("Health and wellbeing", "Everyday wellbeing, routines, staying active"),
    HOBBIES_AND_CRAFTS("Hobbies and crafts", "Gardening, knitting, woodwork and other pastimes"),
    MUSIC("Music", "Songs, artists, playing and listening"),
    BOOKS_AND_FILMS("Books and films", "Reading, cinema, television"),
    GAMES_AND_PUZZLES("Games and puzzles", "Word games, quizzes, chess, cards"),
    TECHNOLOGY_HELP("Help with technology", "Phones, tablets, video calls, staying safe online"),
    TRAVEL_AND_CULTURE("Travel and culture", "Places, traditions, history, art"),
    FAITH_AND_SPIRITUALITY("Faith and spirituality", "Belief, meaning, reflection"),
    LANGUAGE_PRACTICE("Language practice", "Conversation in a language you are learning or missing"),
    NEWS_AND_CURRENT_AFFAIRS("News and current affairs", "What is happening in the world and nearby");

    private final String displayName;
    private final String description;

    SkillCategory(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public static final String UNKNOWN = "UNKNOWN_SKILL";

    /** The stable code clients send and receive: the constant's name in lower case ({@code life_stories}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category with {@code code}, or a violation naming {@code field}. */
    public static SkillCategory require(String code, String field) {
        return ofCode(code).orElseThrow(() -> RuleViolation.invalid(UNKNOWN, field,
                "'" + code + "' is not a skill category; GET /api/v1/skills lists them"));
    }

    /** The code as clients send it: {@code LISTENING} or {@code listening}. */
    public static Optional<SkillCategory> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
