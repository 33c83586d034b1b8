package cn.canbao.web.platform;

import cn.canbao.platform.boundary.ProblemException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
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
            List<ProblemException.FieldError> errors = violations.getConstraintViolations().stream()
                    .map(v -> new ProblemException.FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
                    .toList();
            return Problems.of(400, "Bad request", "INVALID_INPUT", "输入不完整或格式错误 / invalid input", errors);
        }
        if (isUnreadableBody(t)) {
            return Problems.of(400, "Bad request", "MALFORMED_JSON",
                    "请求内容不是有效的 JSON，或字段类型不符 / malformed JSON body or wrong field type: " + rootMessage(t), null);
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
        if (t instanceof OptimisticLockException) {
            return Problems.of(409, "Conflict", "CONCURRENT_CHANGE",
                    "该记录已被他人修改，请刷新后重试 / the record was changed meanwhile; reload and retry", null);
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

    private static String leaf(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
