package cn.canbao.web.platform;

import cn.canbao.platform.boundary.ProblemException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Messages of the roster and batch screens: a boundary's refusal in the user's language with its code, one line per
 * field it names (the field's label from the bundle under {@code labelPrefix}, else its name), and plain notes.
 */
public final class ScreenMessages {

    private ScreenMessages() {
    }

    /** The refusal and each field's complaint; {@code stripPrefix} (e.g. "parameters.") is cut off field names. */
    public static void refused(ProblemException problem, String labelPrefix, String stripPrefix) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Texts.refusal(problem), ""));
        for (ProblemException.FieldError error : problem.errors()) {
            String field = error.field() == null ? "" : error.field();
            if (stripPrefix != null && field.startsWith(stripPrefix)) {
                field = field.substring(stripPrefix.length());
            }
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Texts.text(labelPrefix + field, field) + "：" + Texts.pick(error.message()), ""));
        }
        faces.validationFailed();
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, ""));
    }

    public static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, ""));
    }

    /** Messages survive the redirect that follows (flash scope). */
    public static void keepForRedirect() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }

    public static void redirect(String pathAndQuery) {
        var external = FacesContext.getCurrentInstance().getExternalContext();
        try {
            external.redirect(external.getRequestContextPath() + pathAndQuery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
