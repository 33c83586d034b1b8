package cn.canbao.person.entity;

/**
 * The identity document a person is registered under. Only the resident ID card is checked by a check character
 * (GB 11643); the other documents are stored as given.
 */
public enum DocumentType {
    /** 居民身份证 */
    RESIDENT_ID,
    /** 港澳台居民居住证 */
    HMT_RESIDENCE_PERMIT,
    /** 外国人永久居留身份证 */
    FOREIGN_PERMANENT_RESIDENT
}
