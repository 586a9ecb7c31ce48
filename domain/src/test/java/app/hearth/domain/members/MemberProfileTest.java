package app.hearth.domain.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.skills.SkillCategory;
import java.time.Year;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemberProfileTest {

    private static final Year NOW = Year.of(2026);

    private static MemberProfile profile(String name, Integer birthYear, List<String> languages, String zone,
                                         List<String> interests, String email) {
        return MemberProfile.create(name, birthYear, languages, zone, interests, email, NOW);
    }

    private static MemberProfile valid() {
        return profile("  Ada  ", 1948, List.of("EN", "de", "en"), "Europe/Berlin",
                List.of("music", "LIFE_STORIES", "music"), " ada@example.org ");
    }

    private static void assertRefused(Runnable attempt, String code, String field) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(RuleViolation.class, violation -> {
            assertThat(violation.code()).isEqualTo(code);
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.category()).isEqualTo(RuleViolation.Category.INVALID);
        });
    }

    @Test
    void aValidProfileIsNormalized() {
        var profile = valid();
        assertThat(profile.displayName()).isEqualTo("Ada");
        assertThat(profile.birthYear()).isEqualTo(1948);
        assertThat(profile.languages()).containsExactly("en", "de");
        assertThat(profile.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(profile.interests()).containsExactly(SkillCategory.MUSIC, SkillCategory.LIFE_STORIES);
        assertThat(profile.contactEmail()).isEqualTo("ada@example.org");
    }

    @Test
    void interestsAndContactEmailAreOptional() {
        var profile = profile("Bo", 1960, List.of("sv"), "UTC", null, null);
        assertThat(profile.interests()).isEmpty();
        assertThat(profile.contactEmail()).isNull();
        assertThat(profile("Bo", 1960, List.of("sv"), "UTC", List.of(), "  ").contactEmail()).isNull();
    }

    @ParameterizedTest(name = "born {0} in 2026: {1}")
    @CsvSource({
            "1900, allowed",
            "1899, INVALID_BIRTH_YEAR",
            "2008, allowed",      // 18 by the end of 2026
            "2009, INVALID_BIRTH_YEAR",
            "2026, INVALID_BIRTH_YEAR",
            "2100, INVALID_BIRTH_YEAR"
    })
    void onlyAdultsBornIn1900OrLater(int birthYear, String expected) {
        Runnable create = () -> profile("Ada", birthYear, List.of("en"), "UTC", List.of(), null);
        if (expected.equals("allowed")) {
            assertThatCode(create::run).doesNotThrowAnyException();
        } else {
            assertRefused(create, expected, "birthYear");
        }
    }

    @Test
    void adulthoodIsRelativeToTheGivenYear() {
        assertThatCode(() -> MemberProfile.create("Ada", 2009, List.of("en"), "UTC", null, null, Year.of(2027)))
                .doesNotThrowAnyException();
        assertRefused(() -> MemberProfile.create("Ada", 2009, List.of("en"), "UTC", null, null, Year.of(2026)),
                "INVALID_BIRTH_YEAR", "birthYear");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "+01:00", "UTC+1", "Z", "GMT+01:00", "europe/berlin", "Europe/Berlin!"})
    void onlyIanaTimeZones(String zone) {
        assertRefused(() -> profile("Ada", 1950, List.of("en"), zone, null, null), "INVALID_TIME_ZONE",
                "timeZone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Argentina/Buenos_Aires", "Asia/Kolkata", "UTC", "Pacific/Chatham"})
    void ianaTimeZonesAreAccepted(String zone) {
        assertThat(profile("Ada", 1950, List.of("en"), zone, null, null).timeZone()).isEqualTo(zone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eng", "en-US", "xx", "e", "", "12"})
    void onlyIso6391Languages(String language) {
        assertRefused(() -> profile("Ada", 1950, List.of("de", language), "UTC", null, null), "INVALID_LANGUAGE",
                "languages");
    }

    @Test
    void atLeastOneLanguageAndAtMostTen() {
        assertRefused(() -> profile("Ada", 1950, List.of(), "UTC", null, null), "FIELD_REQUIRED", "languages");
        assertRefused(() -> profile("Ada", 1950, null, "UTC", null, null), "FIELD_REQUIRED", "languages");
        assertRefused(() -> profile("Ada", 1950, Arrays.asList("en", null), "UTC", null, null), "INVALID_LANGUAGE",
                "languages");
        var eleven = List.of("en", "de", "fr", "it", "es", "pt", "nl", "sv", "da", "fi", "pl");
        assertRefused(() -> profile("Ada", 1950, eleven, "UTC", null, null), "INVALID_LANGUAGE", "languages");
    }

    @Test
    void interestsComeFromTheSkillCatalog() {
        assertRefused(() -> profile("Ada", 1950, List.of("en"), "UTC", List.of("music", "skydiving"), null),
                "UNKNOWN_INTEREST", "interests");
        assertRefused(() -> profile("Ada", 1950, List.of("en"), "UTC", Arrays.asList("music", null), null),
                "UNKNOWN_INTEREST", "interests");
        assertThat(profile("Ada", 1950, List.of("en"), "UTC",
                Arrays.stream(SkillCategory.values()).map(Enum::name).toList(), null).interests())
                .containsExactly(SkillCategory.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ada@", "@example.org", "ada@example", "ada example@example.org",
            "ada@exa_mple.org", "ada@@example.org", "ada@-example.org"})
    void contactEmailMustBeAnAddress(String email) {
        assertRefused(() -> profile("Ada", 1950, List.of("en"), "UTC", null, email), "INVALID_EMAIL",
                "contactEmail");
    }

    @Test
    void displayNameIsRequiredShortAndPrintable() {
        assertRefused(() -> profile("  ", 1950, List.of("en"), "UTC", null, null), "FIELD_REQUIRED", "displayName");
        assertRefused(() -> profile(null, 1950, List.of("en"), "UTC", null, null), "FIELD_REQUIRED", "displayName");
        assertRefused(() -> profile("x".repeat(61), 1950, List.of("en"), "UTC", null, null), "INVALID_DISPLAY_NAME",
                "displayName");
        assertRefused(() -> profile("Ada\u0000", 1950, List.of("en"), "UTC", null, null), "INVALID_DISPLAY_NAME",
                "displayName");
        assertRefused(() -> profile("Ada\u202Eevil", 1950, List.of("en"), "UTC", null, null),
                "INVALID_DISPLAY_NAME", "displayName");
        assertThat(profile("Zoë 👩‍👩‍👧", 1950, List.of("en"), "UTC", null, null).displayName()).isEqualTo("Zoë 👩‍👩‍👧");
    }

    @Test
    void birthYearAndTimeZoneAreRequired() {
        assertRefused(() -> profile("Ada", null, List.of("en"), "UTC", null, null), "FIELD_REQUIRED", "birthYear");
        assertRefused(() -> profile("Ada", 1950, List.of("en"), null, null, null), "FIELD_REQUIRED", "timeZone");
    }

    @Test
    void aStoredProfileIsCheckedAgainWithoutTheClock() {
        assertRefused(() -> new MemberProfile("Ada", 1800, List.of("en"), "UTC", List.of(), null),
                "INVALID_BIRTH_YEAR", "birthYear");
        assertRefused(() -> new MemberProfile("Ada", 1950, List.of("en"), "Nowhere/Else", List.of(), null),
                "INVALID_TIME_ZONE", "timeZone");
    }

    @Test
    void identitiesHaveAKnownKindAndAPlausibleValue() {
        var identity = MemberIdentity.of("ADAPTY_profile_id", " 3f1c2a7e-0000-4000-8000-000000000001 ");
        assertThat(identity.kind()).isEqualTo(IdentityKind.ADAPTY_PROFILE_ID);
        assertThat(identity.value()).isEqualTo("3f1c2a7e-0000-4000-8000-000000000001");
        assertThat(identity.kind().code()).isEqualTo("adapty_profile_id");
        assertThat(MemberIdentity.of("stripe_customer_id", "cus_Q1w2E3r4").value()).isEqualTo("cus_Q1w2E3r4");

        assertRefused(() -> MemberIdentity.of("email", "ada@example.org"), "UNKNOWN_IDENTITY_KIND", "kind");
        assertRefused(() -> MemberIdentity.of(null, "x"), "FIELD_REQUIRED", "kind");
        assertRefused(() -> MemberIdentity.of("app_install_id", " "), "FIELD_REQUIRED", "value");
        assertRefused(() -> MemberIdentity.of("app_install_id", "has space"), "INVALID_IDENTITY_VALUE", "value");
        assertRefused(() -> MemberIdentity.of("app_install_id", "x".repeat(201)), "INVALID_IDENTITY_VALUE", "value");
        assertRefused(() -> MemberIdentity.of("stripe_customer_id", "acct_123"), "INVALID_IDENTITY_VALUE", "value");
    }

    @Test
    void onlyAMemberClosesTheirAccount() {
        assertThatCode(() -> AccountClosure.requireMayClose(Role.MEMBER)).doesNotThrowAnyException();
        for (Role staff : List.of(Role.COMPANION, Role.SUPERVISOR, Role.ADMIN, Role.SUPERADMIN)) {
            assertThatThrownBy(() -> AccountClosure.requireMayClose(staff))
                    .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                        assertThat(violation.code()).isEqualTo("STAFF_ACCOUNT_CLOSE_FORBIDDEN");
                        assertThat(violation.category()).isEqualTo(RuleViolation.Category.CONFLICT);
                    });
        }
    }
}
