package cn.canbao.web.refund;

import cn.canbao.web.platform.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the refund and day-close screens word codes (reason, status, audit action) in the user's language. */
@Named
@ApplicationScoped
public class RefundLabels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public String reason(String code) {
        return label("refundReason.", code);
    }

    public String status(String code) {
        return label("refundStatus.", code);
    }

    public String action(String code) {
        return label("audit.", code);
    }

    /** A moment in China time, to the minute. */
    public String time(OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(CHINA).format(TIME);
    }

    private static String label(String prefix, String code) {
        return code == null ? "—" : Texts.text(prefix + code, code);
    }
}
