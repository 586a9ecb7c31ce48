package app.hearth.adapters.companions.web;

import app.hearth.application.companions.CompanionRegistry;
import app.hearth.domain.skills.SkillCategory;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Year;
import java.util.List;

/**
 * A companion as a caller may see them. The public part is for everybody; {@code status}, {@code teamId} and
 * {@code birthYear} only for the companion themself and for staff who may act on them (null, and left out, else).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompanionResponse(String companionId, String displayName, String bio, String photoUrl,
                                List<String> languages, String gender, Integer age, List<String> skills,
                                Integer yearsOfExperience, String timeZone, String region, Double rating,
                                int ratingCount, boolean availableNow, String status, String teamId,
                                Integer birthYear) {

    static CompanionResponse of(CompanionRegistry.Companion companion, boolean staffFields, Year thisYear) {
        var profile = companion.profile();
        return new CompanionResponse(companion.companionId(), companion.displayName(),
                profile == null ? null : profile.bio(),
                profile == null || profile.photo() == null ? null : profile.photo().toString(),
                profile == null ? List.of() : profile.languages().stream().sorted().toList(),
                profile == null ? null : profile.gender().code(),
                profile == null ? null : thisYear.getValue() - profile.birthYear(),
                profile == null ? List.of() : profile.skills().stream().sorted().map(SkillCategory::code).toList(),
                profile == null ? null : profile.yearsOfExperience(),
                profile == null ? null : profile.timeZone().getId(),
                profile == null ? null : profile.region(),
                companion.rating(), companion.ratingCount(), companion.available(),
                staffFields ? companion.status().name().toLowerCase(java.util.Locale.ROOT) : null,
                staffFields ? companion.teamId() : null,
                staffFields && profile != null ? profile.birthYear() : null);
    }
}
