package cn.canbao.web.counter;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.web.platform.Texts;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The counter's ways of answering a refusal on a screen. */
public final class Faces {

    private static final Pattern MEMBER_FIELD = Pattern.compile("members\\[(\\d+)]\\.?(.*)");

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
                    fieldLabel(error.field()) + "：" + Texts.pick(error.message()), ""));
        }
        faces.validationFailed();
    }

    /**
     * A refused field in the user's words; a member line of a household ({@code members[1].idNumber}) is named as the
     * clerk sees it (第 2 人 · 身份证号码).
     */
    static String fieldLabel(String field) {
        Matcher member = MEMBER_FIELD.matcher(field);
        if (!member.matches()) {
            return Texts.text("field." + field, field);
        }
        String line = Texts.text("household.member", "member {0}").replace("{0}", String.valueOf(Integer.parseInt(member.group(1)) + 1));
        return member.group(2).isEmpty() ? line : line + " · " + Texts.text("field." + member.group(2), member.group(2));
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, ""));
    }
}
