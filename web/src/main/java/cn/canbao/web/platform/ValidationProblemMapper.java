package cn.canbao.web.platform;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bean Validation's refusals as problem+json. RESTEasy brings a mapper of its own for {@link ValidationException}
 * (plain text, its own report format); an application's mapper for the same type takes precedence over it, the
 * catch-all {@link ProblemMapper} would not.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ValidationException> {

    private static final Logger LOG = Logger.getLogger(ValidationProblemMapper.class.getName());

    @Override
    public Response toResponse(ValidationException thrown) {
        if (thrown instanceof ConstraintViolationException violations && violations.getConstraintViolations() != null
                && !violations.getConstraintViolations().isEmpty()) {
            return ProblemMapper.invalid(violations);
        }
        // a constraint that could not be checked at all is ours, not the caller's
        String incident = java.util.UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + ": validation could not run", thrown);
        return Problems.of(500, "Internal error", "INTERNAL_ERROR",
                "系统内部错误，请把事件编号告知运维人员 / internal error; give the incident number to the operators: " + incident, null);
    }
}
