package cn.canbao.platform.boundary;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * A refusal the caller can act on: bad input, unknown record, conflict or broken business rule. Carries the HTTP
 * status it maps to, a stable machine code and a message in Chinese and English. Thrown across the business
 * boundary; it rolls the transaction back, so a refused request never leaves a partial write behind.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    public enum Kind {
        BAD_REQUEST(400, "Bad request"),
        FORBIDDEN(403, "Forbidden"),
        NOT_FOUND(404, "Not found"),
        CONFLICT(409, "Conflict"),
        UNPROCESSABLE(422, "Rule violation");

        public final int status;
        public final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    /** One offending field or row and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String code;
    private final List<FieldError> errors;

    public ProblemException(Kind kind, String code, String chinese, String english) {
        this(kind, code, chinese, english, List.of());
    }

    public ProblemException(Kind kind, String code, String chinese, String english, List<FieldError> errors) {
        super(chinese + " / " + english);
        this.kind = kind;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String code, String chinese, String english) {
        return new ProblemException(Kind.NOT_FOUND, code, chinese, english);
    }

    public static ProblemException conflict(String code, String chinese, String english) {
        return new ProblemException(Kind.CONFLICT, code, chinese, english);
    }

    public static ProblemException unprocessable(String code, String chinese, String english) {
        return new ProblemException(Kind.UNPROCESSABLE, code, chinese, english);
    }

    public static ProblemException forbidden(String code, String chinese, String english) {
        return new ProblemException(Kind.FORBIDDEN, code, chinese, english);
    }

    public static ProblemException badRequest(String code, String chinese, String english, List<FieldError> errors) {
        return new ProblemException(Kind.BAD_REQUEST, code, chinese, english, errors);
    }

    public Kind kind() { return kind; }
    public String code() { return code; }
    public List<FieldError> errors() { return errors; }
}
