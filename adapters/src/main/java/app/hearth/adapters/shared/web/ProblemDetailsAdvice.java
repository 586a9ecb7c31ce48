package app.hearth.adapters.shared.web;

import app.hearth.application.shared.ProviderFailure;
import app.hearth.domain.shared.RuleViolation;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error leaves as a problem detail with a stable code; nothing internal leaks into a response. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation violation) {
        HttpStatus status = switch (violation.category()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case REFUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return Problems.of(status, violation.code(), violation.getMessage(), violation.field());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException invalid) {
        var errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String field = errors.isEmpty() ? null : errors.getFirst().get("field");
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                "the request has invalid fields", field);
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameter(HandlerMethodValidationException invalid) {
        List<String> names = invalid.getParameterValidationResults().stream()
                .map(result -> result.getMethodParameter().getParameterName())
                .toList();
        return Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "invalid request parameters " + names,
                names.isEmpty() ? null : names.getFirst());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException missing) {
        return Problems.of(HttpStatus.BAD_REQUEST, "HEADER_REQUIRED", "the " + missing.getHeaderName()
                + " header is required", missing.getHeaderName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException missing) {
        return Problems.of(HttpStatus.BAD_REQUEST, "PARAMETER_REQUIRED", "the " + missing.getParameterName()
                + " parameter is required", missing.getParameterName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException mismatch) {
        return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "parameter " + mismatch.getName()
                + " has an invalid value", mismatch.getName());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
        return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "the request body is not valid JSON of "
                + "the expected shape", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException unsupported) {
        return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", unsupported.getMessage(), null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException unsupported) {
        return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", unsupported.getMessage(),
                null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noRoute(NoResourceFoundException missing) {
        return Problems.of(HttpStatus.NOT_FOUND, "NO_SUCH_ROUTE", "no such route", null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException denied) {
        return Problems.of(HttpStatus.FORBIDDEN, "ACCESS_DENIED", "your role may not do this", null);
    }

    @ExceptionHandler(ProviderFailure.class)
    ProblemDetail provider(ProviderFailure failure) {
        return Problems.of(HttpStatus.BAD_GATEWAY, failure.code(), failure.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception failure) {
        log.error("unexpected failure", failure);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "something went wrong on our side; nothing was lost, try again", null);
    }
}
