package cn.canbao.policy.entity;

/** A quote the policy does not allow (HTTP 422), with a machine code and a Chinese and an English message. */
public class QuoteRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Code {
        /** The request itself is incomplete or contradictory (missing tier/date, bad ID number, birth after payment). */
        INVALID_REQUEST,
        /** The policy has no such tier. */
        TIER_NOT_OFFERED,
        /** Payment date before the campaign opens. */
        NOT_YET_OPEN,
        /** Payment date in a gap or a window that takes no payment. */
        WINDOW_CLOSED,
        /** Payment date after the final cutoff. */
        AFTER_FINAL_CUTOFF,
        /** A FULL_COST price is needed but the policy's fiscal subsidy is not set. */
        FISCAL_SUBSIDY_NOT_SET,
        /** The waiting period would end after cover ends: the payment would buy no cover at all. */
        NO_BENEFIT_PERIOD,
        /**
         * A college student insured for the academic year of the college rule's transition: covered to the year's end
         * already, nothing to pay (the cover is recorded as an enrollment without payment).
         */
        COVERED_BY_TRANSITION
    }

    private final Code code;
    private final String messageZh;
    private final String messageEn;

    public QuoteRefusedException(Code code, String messageZh, String messageEn) {
        super(code + ": " + messageZh + " / " + messageEn);
        this.code = code;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
    }

    public Code code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return messageEn;
    }
}
