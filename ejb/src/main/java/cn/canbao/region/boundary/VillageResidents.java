package cn.canbao.region.boundary;

/**
 * How many persons are registered in a village: the person component answers it (region sits below it and reads no
 * person table), so that a village with persons is never retired without a merge (../shared/spec/DOMAIN.md §6).
 */
public interface VillageResidents {

    long registeredIn(String villageCode);
}
