package app.hearth.adapters.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem details with Hearth's stable {@code code} (and {@code field} when one input is at fault). */
public final class Problems {

    public static final String TYPE_BASE = "https://hearth.app/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** Writes a problem straight to a servlet response (for the security filters, outside Spring MVC). */
    public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String code,
                             String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), of(status, code, detail, null));
    }
}
