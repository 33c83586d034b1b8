package cn.canbao.policy.entity;

public enum ResidentType {
    RESIDENT,
    PUPIL,
    COLLEGE_STUDENT,
    NEWBORN
}
