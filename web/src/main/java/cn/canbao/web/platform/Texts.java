package cn.canbao.web.platform;

import cn.canbao.platform.boundary.ProblemException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Screen texts from the {@code messages} bundles in the language of the current view, and the half of a
 * bilingual business message ("中文 / English") that suits that language.
 */
public final class Texts {

    private static final String BUNDLE = "cn.canbao.web.messages";
    private static final String SEPARATOR = " / ";

    private Texts() {
    }

    /** The language the user chose (the view root's locale is not yet set in a postback's action). */
    public static Locale locale() {
        try {
            return CDI.current().select(UserSession.class).get().getLocale();
        } catch (RuntimeException notInARequest) {
            // fall through to the view's locale
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces == null || faces.getViewRoot() == null) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return faces.getViewRoot().getLocale();
    }

    public static boolean english() {
        return "en".equals(locale().getLanguage());
    }

    /** The bundle's text for {@code key}, or {@code fallback} when the bundle has none. */
    public static String text(String key, String fallback) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale()).getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    public static String text(String key) {
        return text(key, key);
    }

    /** The text of {@code key} in {@code locale} whatever the user's (the Chinese of a bilingual receipt). */
    public static String text(String key, java.util.Locale locale, String fallback) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    /**
     * The Chinese or English half of a message written "中文 / English" (the business components' refusals),
     * or the whole text when it is not split that way. The Chinese half may itself quote "a / b", so the split is
     * at the first separator after which no Chinese follows.
     */
    public static String pick(String bilingual) {
        return pick(bilingual, english());
    }

    static String pick(String bilingual, boolean inEnglish) {
        if (bilingual == null) {
            return "";
        }
        for (int at = bilingual.indexOf(SEPARATOR); at >= 0; at = bilingual.indexOf(SEPARATOR, at + 1)) {
            String english = bilingual.substring(at + SEPARATOR.length());
            if (!hasChinese(english) && hasChinese(bilingual.substring(0, at))) {
                return inEnglish ? english.trim() : bilingual.substring(0, at).trim();
            }
        }
        return bilingual;
    }

    private static boolean hasChinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /** A refusal as the screens show it: the message in the user's language, and the machine code. */
    public static String refusal(ProblemException problem) {
        return pick(problem.getMessage()) + "（" + problem.code() + "）";
    }
}
