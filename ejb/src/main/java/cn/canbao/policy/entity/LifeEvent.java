package cn.canbao.policy.entity;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Something that happened to a person and may waive the continuity waiting period when they enroll soon after it
 * (../shared/spec/API.md, "Continuous enrollment in quotes": {@code events: [{type, date}]}).
 */
public record LifeEvent(Type type, LocalDate date) implements java.io.Serializable {

    /** The event types of the API contract. */
    public enum Type {
        /** Employee insurance (职工医保) stopped: a job ended. */
        EMPLOYEE_INSURANCE_ENDED,
        /** Graduated from college (毕业). */
        GRADUATED,
        /** Discharged from military service (退出现役). */
        DISCHARGED,
        /** Released from prison at the end of the sentence (刑满释放). */
        RELEASED
    }

    public LifeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(date, "date");
    }

    public String describeZh() {
        return switch (type) {
            case EMPLOYEE_INSURANCE_ENDED -> "职工医保中断";
            case GRADUATED -> "毕业";
            case DISCHARGED -> "退出现役";
            case RELEASED -> "刑满释放";
        } + "（" + date + "）";
    }
}
