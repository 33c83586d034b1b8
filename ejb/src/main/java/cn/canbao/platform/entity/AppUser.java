package cn.canbao.platform.entity;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user of Canbao and the region whose data they may see. Credentials and roles live in the security realm.
 * Cached: every request asks for its caller's region.
 */
@Entity
@Cacheable
@Table(name = "app_user")
public class AppUser {

    @Id
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "region_code", nullable = false)
    private String regionCode;

    protected AppUser() {
    }

    public AppUser(String username, String displayName, String regionCode) {
        this.username = username;
        this.displayName = displayName;
        this.regionCode = regionCode;
    }

    public String getUsername() { return username; }
    public String getDisplayName() { return displayName; }
    public String getRegionCode() { return regionCode; }
}
