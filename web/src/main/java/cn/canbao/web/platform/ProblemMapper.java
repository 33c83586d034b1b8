package cn.canbao.web.platform;

import cn.canbao.platform.boundary.ProblemException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves the API as problem+json: refusals with their own status, unreadable input as 400, unknown
 * paths as 404, and anything unexpected as a 500 with an incident number (the stack trace goes to the server log
 * only, never to the caller).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof ProblemException problem) {
            return Problems.of(problem);
        }
        if (t instanceof ConstraintViolationException violations) {
            return invalid(violations);
        }
        if (isUnreadableBody(t)) {
            // the parser's own message names library classes and Java types: the caller gets the kind, the log the rest
            LOG.fine(() -> "unreadable body on /" + path() + ": " + rootMessage(t));
            return Problems.of(400, "Bad request", "MALFORMED_JSON",
                    "请求内容不是有效的 JSON，或字段类型不符 / malformed JSON body or wrong field type", null);
        }
        if (t instanceof NotFoundException) {
            return Problems.of(404, "Not found", "NO_SUCH_RESOURCE",
                    "没有这个接口或资源 / no such resource: /" + path(), null);
        }
        if (t instanceof NotAllowedException) {
            return Problems.of(405, "Method not allowed", "METHOD_NOT_ALLOWED",
                    "此接口不支持该请求方法 / this method is not allowed here", null);
        }
        if (t instanceof NotSupportedException) {
            return Problems.of(415, "Unsupported media type", "UNSUPPORTED_MEDIA_TYPE",
                    "请以 application/json 发送请求内容 / send the body as application/json", null);
        }
        if (t instanceof NotAuthorizedException) {
            return Response.fromResponse(Problems.of(401, "Unauthorized", "NOT_AUTHENTICATED",
                            "请先登录（HTTP Basic） / authentication required (HTTP Basic)", null))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"canbao\"").build();
        }
        if (t instanceof EJBAccessException || (t instanceof WebApplicationException w && w.getResponse().getStatus() == 403)) {
            return Problems.of(403, "Forbidden", "FORBIDDEN", "您的角色无权执行此操作 / your role may not do this", null);
        }
        Response stored = storeRefusal(thrown);
        if (stored != null) {
            return stored;
        }
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            return Problems.of(status, Problems.title(status), null, w.getMessage(), null);
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + " on /" + path(), thrown);
        return Problems.of(500, "Internal error", "INTERNAL_ERROR",
                "系统内部错误，请把事件编号告知运维人员 / internal error; give the incident number to the operators: " + incident, null);
    }

    /**
     * What the database refused at write or commit time — found anywhere in the cause chain (an EJB's rollback wraps it
     * several times) — as the caller's problem, not a 500: a concurrent change (optimistic lock, serialization failure)
     * 409; a value longer or larger than its column, or a date out of range, 400; a duplicate 409; a reference to
     * something missing or a check violated 422. Null for anything else. Nothing of the database's message is shown.
     */
    /** A refusal of the store as the caller sees it. */
    record StoreRefusal(int status, String title, String code, String detail) {
    }

    static Response storeRefusal(Throwable thrown) {
        StoreRefusal r = refusalOfStore(thrown);
        return r == null ? null : Problems.of(r.status(), r.title(), r.code(), r.detail(), null);
    }

    static StoreRefusal refusalOfStore(Throwable thrown) {
        StoreRefusal concurrent = new StoreRefusal(409, "Conflict", "CONCURRENT_CHANGE",
                "该记录已被他人修改，请刷新后重试 / the record was changed meanwhile; reload and retry");
        if (cn.canbao.platform.boundary.Constraints.isTransient(thrown)) { // lost lock, deadlock, serialization: look again
            return concurrent;
        }
        for (Throwable c = thrown; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().getName().endsWith("OptimisticLockException")) { // EclipseLink's own, unwrapped
                return concurrent;
            }
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "22001":
                        return new StoreRefusal(400, "Bad request", "VALUE_TOO_LONG", "有内容超过允许的长度 / a value is longer than allowed");
                    case "22003", "22008", "22007":
                        return new StoreRefusal(400, "Bad request", "VALUE_OUT_OF_RANGE",
                                "有数值或日期超出允许的范围 / a number or date is out of range");
                    case "23505":
                        return new StoreRefusal(409, "Conflict", "DUPLICATE", "该记录已存在 / the record exists already");
                    case "23503", "23506", "23513", "23514", "23502":
                        return new StoreRefusal(422, "Rule violation", "CONSTRAINT_VIOLATED",
                                "引用的记录不存在或内容不符合规则 / a referenced record is missing or a rule is violated");
                    default:
                        // not the caller's: a 500 with an incident number
                }
            }
        }
        return null;
    }

    private String path() {
        return uriInfo == null ? "" : uriInfo.getPath().replaceFirst("^/", "");
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static boolean isUnreadableBody(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JsonbException || c instanceof JsonException || c instanceof ProcessingException
                    || c.getClass().getName().endsWith("JsonParsingException")
                    || (c instanceof WebApplicationException w && w.getResponse().getStatus() == 400)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /**
     * Bean Validation's refusal of a request: one error per field and message, the field named as in the request body
     * ({@code members[1].name}) — the resource method and its parameter left out.
     */
    static Response invalid(ConstraintViolationException violations) {
        List<ProblemException.FieldError> errors = violations.getConstraintViolations() == null ? List.of()
                : violations.getConstraintViolations().stream()
                .map(v -> new ProblemException.FieldError(field(v.getPropertyPath()), v.getMessage()))
                .distinct().sorted(java.util.Comparator.comparing(ProblemException.FieldError::field)).toList();
        return Problems.of(400, "Bad request", "INVALID_INPUT", "输入不完整或格式错误 / invalid input", errors);
    }

    static String field(jakarta.validation.Path path) {
        StringBuilder field = new StringBuilder();
        for (jakarta.validation.Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, CROSS_PARAMETER, RETURN_VALUE:
                    continue;
                default:
                    // the index of a node in a list belongs to the list before it: members[1].name
                    if (node.isInIterable()) {
                        field.append('[').append(node.getIndex() != null ? String.valueOf(node.getIndex())
                                : String.valueOf(node.getKey())).append(']');
                    }
                    if (node.getName() == null) {
                        continue;
                    }
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
