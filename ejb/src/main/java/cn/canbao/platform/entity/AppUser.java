package cn.canbao.platform.entity;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * An account of Canbao: who signs in, in which role, for which region (the area whose data they may see and change).
 * The Elytron jdbc-realm reads the role and the password's bcrypt hash, salt and cost from this table
 * (config/cli/03-security.cli); only enabled accounts with a hash can sign in. Cached: every request asks for its
 * caller's region. Managed through {@code account.boundary.Accounts}.
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

    private String role;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "password_salt")
    private String passwordSalt;

    @Column(name = "password_cost")
    private Integer passwordCost;

    private boolean enabled = true;

    @Column(name = "must_change_password")
    private boolean mustChangePassword;

    @Column(name = "password_changed_at")
    private OffsetDateTime passwordChangedAt;

    @Column(name = "last_login_at")
    private OffsetDateTime lastLoginAt;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "api_key_hash")
    private String apiKeyHash;

    @Column(name = "api_key_salt")
    private String apiKeySalt;

    @Column(name = "api_key_created_at")
    private OffsetDateTime apiKeyCreatedAt;

    @Column(name = "created_by")
    private String createdBy;

    /** The department an account of role department works for (区民政局 …); null for other roles. */
    @Column(name = "department")
    private String department;

    @Version
    private long version;

    protected AppUser() {
    }

    public AppUser(String username, String displayName, String role, String regionCode, OffsetDateTime createdAt,
                   String createdBy) {
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.regionCode = regionCode;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    /** A bcrypt hash of a password (Base64 hash and salt, cost), as the realm's bcrypt-mapper reads it. */
    public record PasswordHash(String hash, String salt, int cost) {
    }

    /** A new password: an administrator's (reset, first password) must be changed at the next sign-in; one's own need not. */
    public void setPassword(PasswordHash password, boolean mustChange, OffsetDateTime at) {
        this.passwordHash = password.hash();
        this.passwordSalt = password.salt();
        this.passwordCost = password.cost();
        this.mustChangePassword = mustChange;
        this.passwordChangedAt = at;
    }

    /**
     * A program's key as a salted SHA-256 digest (Base64), or none ({@code null} digest) when revoked. A program signs
     * in with its key only: issuing one removes the password (and with it any pending password change).
     */
    public void setApiKey(String digest, String salt, OffsetDateTime at) {
        this.apiKeyHash = digest;
        this.apiKeySalt = salt;
        this.apiKeyCreatedAt = digest == null ? null : at;
        if (digest != null) {
            this.passwordHash = null;
            this.passwordSalt = null;
            this.passwordCost = null;
            this.mustChangePassword = false;
            this.passwordChangedAt = at;
        }
    }

    public OffsetDateTime getApiKeyCreatedAt() { return apiKeyCreatedAt; }

    public PasswordHash password() {
        return passwordHash == null ? null : new PasswordHash(passwordHash, passwordSalt, passwordCost == null ? 0 : passwordCost);
    }

    public void rename(String displayName) {
        this.displayName = displayName;
    }

    public void assign(String role, String regionCode) {
        this.role = role;
        this.regionCode = regionCode;
    }

    public void assignDepartment(String department) {
        this.department = department;
    }

    /**
     * The department this account works for: the one recorded, else — for accounts made before departments were
     * recorded — its display name, which names it ("万州区民政局 刘洋"); catalogues are matched against it by name.
     */
    public String getDepartment() {
        return department;
    }

    public void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public void recordLogin(OffsetDateTime at) {
        this.lastLoginAt = at;
    }

    public String getUsername() { return username; }
    public String getDisplayName() { return displayName; }
    public String getRegionCode() { return regionCode; }
    public String getRole() { return role; }
    public boolean isEnabled() { return enabled; }
    public boolean isMustChangePassword() { return mustChangePassword; }
    public OffsetDateTime getPasswordChangedAt() { return passwordChangedAt; }
    public OffsetDateTime getLastLoginAt() { return lastLoginAt; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public long getVersion() { return version; }
}
