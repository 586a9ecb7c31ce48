package app.hearth.adapters.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The business refusals an operation may answer besides the ones every operation of its shape may (see
 * {@link ApiDocs}): e.g. {@code @ProblemResponses({409, 422})}. Each is documented in the OpenAPI document as an
 * {@code application/problem+json} {@code ProblemDetail} whose {@code code} names the rule (adr/0035).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemResponses {

    /** HTTP statuses: 404, 409, 422, 502 or 503. */
    int[] value();
}
