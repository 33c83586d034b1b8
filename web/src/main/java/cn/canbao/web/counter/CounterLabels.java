package cn.canbao.web.counter;

import cn.canbao.web.platform.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** How the counter screens word codes (gender, status, channel, reasons) in the user's language. */
@Named
@ApplicationScoped
public class CounterLabels {

    public String gender(String code) {
        return label("gender.", code);
    }

    public String status(String code) {
        return code == null ? Texts.text("status.NONE", "not registered") : label("status.", code);
    }

    public String channel(String code) {
        return label("channel.", code);
    }

    public String reason(String code) {
        return label("reason.", code);
    }

    public String contactChannel(String code) {
        return label("contactChannel.", code);
    }

    public String contactOutcome(String code) {
        return label("contactOutcome.", code);
    }

    public String kind(String code) {
        return label("paymentKind.", code);
    }

    private static String label(String prefix, String code) {
        return code == null ? "—" : Texts.text(prefix + code, code);
    }
}
