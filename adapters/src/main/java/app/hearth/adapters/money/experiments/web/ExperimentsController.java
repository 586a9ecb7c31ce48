package app.hearth.adapters.money.experiments.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.money.experiments.ExperimentStore;
import app.hearth.application.money.experiments.PaywallExperiments;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.experiments.PaywallExperiment;
import app.hearth.domain.money.experiments.PaywallVariant;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Paywall experiments (admins) and the member's paywall. */
@RestController
@Tag(name = "Paywall experiments", description = "A/B-tested paywalls per placement")
public class ExperimentsController {

    public static final String EXPERIMENTS = "/api/v1/admin/experiments";
    public static final String EXPERIMENT = EXPERIMENTS + "/{experimentId}";
    public static final String PAYWALL = "/api/v1/me/paywall";

    /** One variant: its key, weight and the products it shows. */
    public record VariantBody(String key, Integer weight, List<String> productIds) {
    }

    /** A new experiment on a placement. */
    public record StartExperimentRequest(String placement, String name, List<VariantBody> variants) {
    }

    /** An experiment. */
    public record ExperimentResponse(String experimentId, String placement, String name, boolean running,
                                     Instant startedAt, Instant stoppedAt, List<VariantBody> variants) {
        static ExperimentResponse of(PaywallExperiment experiment) {
            return new ExperimentResponse(experiment.experimentId(), experiment.placement(), experiment.name(),
                    experiment.running(), experiment.startedAt(), experiment.stoppedAt(),
                    experiment.variants().stream().map(v -> new VariantBody(v.key(), v.weight(), v.productIds()))
                            .toList());
        }
    }

    /** The member's paywall; {@code experimentId} and {@code variant} are empty when no experiment runs there. */
    public record PaywallResponse(String placement, String experimentId, String variant, List<String> productIds) {
    }

    /** One variant's figures; conversion is purchasing members over exposed members (0 when none exposed). */
    public record VariantResultResponse(String variant, long exposedMembers, long purchasingMembers, long purchases,
                                        double conversion, Map<String, Long> revenueCents) {
        static VariantResultResponse of(ExperimentStore.VariantResult result) {
            return new VariantResultResponse(result.variantKey(), result.exposedMembers(),
                    result.purchasingMembers(), result.purchases(), result.exposedMembers() == 0 ? 0
                    : (double) result.purchasingMembers() / result.exposedMembers(), result.revenueCents());
        }
    }

    /** An experiment with its figures per variant. */
    public record ResultsResponse(ExperimentResponse experiment, List<VariantResultResponse> variants) {
    }

    private final PaywallExperiments experiments;

    public ExperimentsController(PaywallExperiments experiments) {
        this.experiments = experiments;
    }

    @PostMapping(EXPERIMENTS)
    @ApiResponse(responseCode = "201", description = "The running experiment")
    @ProblemResponses({409})
    @Operation(operationId = "startExperiment",
            summary = "Start a paywall experiment on a placement with weighted variants (admin, superadmin); "
            + "one running experiment per placement")
    public ResponseEntity<ExperimentResponse> start(@Parameter(hidden = true) Actor actor,
                                                    @RequestBody StartExperimentRequest request) {
        List<VariantBody> bodies = RuleViolation.require(request.variants(), "variants");
        var variants = bodies.stream().map(body -> new PaywallVariant(body.key(),
                RuleViolation.require(body.weight(), "variants.weight"), body.productIds())).toList();
        var started = experiments.start(actor, request.placement(), request.name(), variants);
        return ResponseEntity.created(URI.create(EXPERIMENTS + "/" + started.experimentId()))
                .body(ExperimentResponse.of(started));
    }

    @GetMapping(EXPERIMENTS)
    @Operation(operationId = "listExperiments",
            summary = "All paywall experiments, newest first (admin, superadmin)")
    public List<ExperimentResponse> list(@Parameter(hidden = true) Actor actor) {
        return experiments.list(actor).stream().map(ExperimentResponse::of).toList();
    }

    @PostMapping(EXPERIMENT + "/stop")
    @ProblemResponses({409})
    @Operation(operationId = "stopExperiment",
            summary = "Stop an experiment; its members' recorded variants and figures stay (admin, superadmin)")
    public ExperimentResponse stop(@Parameter(hidden = true) Actor actor, @PathVariable String experimentId) {
        return ExperimentResponse.of(experiments.stop(actor, experimentId));
    }

    @GetMapping(EXPERIMENT + "/results")
    @Operation(operationId = "getExperimentResults",
            summary = "Exposed and purchasing members, conversion and revenue per variant (admin, superadmin)")
    public ResultsResponse results(@Parameter(hidden = true) Actor actor, @PathVariable String experimentId) {
        var results = experiments.results(actor, experimentId);
        return new ResultsResponse(ExperimentResponse.of(results.experiment()),
                results.variants().stream().map(VariantResultResponse::of).toList());
    }

    @GetMapping(PAYWALL)
    @Operation(operationId = "getPaywall",
            summary = "The caller's paywall on a placement: their variant, chosen deterministically and kept; "
            + "each call is recorded as an exposure")
    public PaywallResponse paywall(@Parameter(hidden = true) Actor actor, @RequestParam String placement) {
        var paywall = experiments.paywall(actor, placement);
        return new PaywallResponse(paywall.placement(), paywall.experimentId(), paywall.variantKey(),
                paywall.productIds());
    }
}
