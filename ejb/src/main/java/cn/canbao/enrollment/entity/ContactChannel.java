package cn.canbao.enrollment.entity;

/** How a clerk reached (or tried to reach) a resident about paying. */
public enum ContactChannel {
    /** 电话 */
    PHONE,
    /** 入户 */
    VISIT,
    /** 短信、微信 */
    MESSAGE,
    /** 其他 */
    OTHER
}
