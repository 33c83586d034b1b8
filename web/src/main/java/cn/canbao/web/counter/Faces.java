package cn.canbao.web.counter;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.web.platform.Texts;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The counter's ways of answering a refusal on a screen. */
public final class Faces {

    private Faces() {
    }

    /** Outside the caller's area: the container's 403 page, never the data. */
    public static void forbidden() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(403, Texts.text("error.403.title", "Forbidden"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /** A refusal as a message: the text in the user's language with its code, and each field's complaint. */
    public static void refused(ProblemException problem) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Texts.refusal(problem), ""));
        for (ProblemException.FieldError error : problem.errors()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Texts.text("field." + error.field(), error.field()) + "：" + Texts.pick(error.message()), ""));
        }
        faces.validationFailed();
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, ""));
    }
}
