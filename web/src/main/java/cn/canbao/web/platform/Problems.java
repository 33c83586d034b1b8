package cn.canbao.web.platform;

import cn.canbao.platform.boundary.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Builds RFC 9457 problem+json responses, the only shape in which the API reports an error. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Looking the JSON provider up on every call is costly; one factory serves all requests. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);

    private Problems() {
    }

    public static Response of(int status, String title, String code, String detail, List<ProblemException.FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, title, code, detail, errors).toString()).build();
    }

    private static jakarta.json.JsonObject body(int status, String title, String code, String detail,
                                               List<ProblemException.FieldError> errors) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("status", status)
                .add("title", title);
        if (code != null) {
            body.add("code", code);
        }
        if (detail != null) {
            body.add("detail", clip(detail, MAX_DETAIL));
        }
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            errors.stream().limit(MAX_ERRORS).forEach(e -> list.add(JSON.createObjectBuilder()
                    .add("field", e.field() == null ? "" : clip(e.field(), 100))
                    .add("message", e.message() == null ? "" : clip(e.message(), MAX_DETAIL))));
            body.add("errors", list);
        }
        return body.build();
    }

    /** An answer echoes at most this much of what it was sent (a code of 3,000 characters comes back clipped). */
    static final int MAX_DETAIL = 500;
    static final int MAX_ERRORS = 100;

    public static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    public static Response of(ProblemException problem) {
        return of(problem.kind().status, problem.kind().title, problem.code(), problem.getMessage(), problem.errors());
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 415 -> "Unsupported media type";
            case 422 -> "Rule violation";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "Error";
        };
    }
}
