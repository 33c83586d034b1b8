package cn.canbao.region.entity;

/** Levels of the administrative tree, top down. Persons and targets hang on villages. */
public enum RegionLevel {
    PROVINCE, DISTRICT, TOWN, VILLAGE
}
