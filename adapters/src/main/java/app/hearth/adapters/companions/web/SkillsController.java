package app.hearth.adapters.companions.web;

import app.hearth.domain.skills.SkillCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The skill catalog: 13 stable codes with display names, open to everyone (apps show it before sign-in). */
@RestController
@Tag(name = "Skills", description = "The skill catalog")
public class SkillsController {

    public static final String SKILLS = "/api/v1/skills";

    /** One skill category. */
    public record SkillResponse(String code, String displayName, String description) {
    }

    @GetMapping(SKILLS)
    @SecurityRequirements
    @Operation(operationId = "listSkills",
            summary = "The 13 skill categories: stable codes (never renamed or removed), display names")
    public ResponseEntity<List<SkillResponse>> skills() {
        var catalog = Arrays.stream(SkillCategory.values())
                .map(skill -> new SkillResponse(skill.code(), skill.displayName(), skill.description()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .body(catalog);
    }
}
