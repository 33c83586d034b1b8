package cn.canbao.account.boundary;

import cn.canbao.account.control.AccountRules;
import cn.canbao.account.control.ApiKeys;
import cn.canbao.account.control.AreaAccounts;
import cn.canbao.account.control.CredentialCache;
import cn.canbao.account.control.PasswordHashes;
import cn.canbao.account.control.PasswordRules;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.entity.AppUser;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts of an area (../shared/spec/API.md, "Going live"): a district administrator manages the accounts of the
 * district, a town officer the clerks and town officers of the town. Every account has one role and one region; a
 * new account and an administrator's reset force a new password at the next sign-in; every change is audited
 * (never a password). An account outside the caller's area answers as an unknown one.
 */
@Stateless
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER})
public class Accounts {

    public static final int MAX_PAGE = 500;

    /** An account as lists and the API show it. */
    public record Account(String username, String displayName, String role, String regionCode, String regionName,
                          boolean enabled, boolean mustChangePassword, OffsetDateTime lastLoginAt, OffsetDateTime createdAt,
                          String createdBy, boolean locked, OffsetDateTime apiKeyCreatedAt, String department) {
    }

    /** A program's new key, shown this once (only its digest is kept). */
    public record IssuedKey(String username, String apiKey, OffsetDateTime createdAt) {
    }

    /** The roles whose accounts are programs and may hold a key (docs/access.md). */
    public static final java.util.Set<String> KEY_ROLES = java.util.Set.of(Roles.INTEGRATION, Roles.TAX);

    public record NewAccount(String username, String displayName, String role, String regionCode, String password,
                             String department) {

        public NewAccount(String username, String displayName, String role, String regionCode, String password) {
            this(username, displayName, role, regionCode, password, null);
        }
    }

    /** A change of an account: null members stay as they are. */
    public record Change(String displayName, String role, String regionCode, Boolean enabled, String department) {

        public Change(String displayName, String role, String regionCode, Boolean enabled) {
            this(displayName, role, regionCode, enabled, null);
        }
    }

    public record Page(List<Account> accounts, long total) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    CredentialCache credentials;

    @Inject
    Callers callers;

    @Inject
    Regions regions;

    @Inject
    AuditLog audit;

    @Inject
    LoginThrottle throttle;

    @Inject
    Clock clock;

    public Account create(NewAccount a) {
        List<FieldError> errors = new ArrayList<>();
        AccountRules.username(a.username()).ifPresent(m -> errors.add(new FieldError("username", m)));
        AccountRules.displayName(a.displayName()).ifPresent(m -> errors.add(new FieldError("displayName", m)));
        if (a.role() == null || !AccountRules.ROLES.contains(a.role())) {
            errors.add(new FieldError("role", "须为 " + String.join("、", AccountRules.ROLES) + " 之一 / unknown role"));
        }
        if (a.regionCode() == null || a.regionCode().isBlank()) {
            errors.add(new FieldError("regionCode", "必填 / required"));
        }
        PasswordRules.refusal(a.username(), a.password()).ifPresent(m -> errors.add(new FieldError("password", m)));
        departmentRefusal(a.role(), a.department()).ifPresent(m -> errors.add(new FieldError("department", m)));
        refuse(errors, "账户信息不完整或格式错误", "incomplete or malformed account");
        AppUser caller = callers.current();
        Region region = assignable(caller, a.role(), a.regionCode().trim());
        if (em.find(AppUser.class, a.username()) != null) {
            throw ProblemException.conflict("USERNAME_TAKEN", "用户名 " + a.username() + " 已被使用", "user name " + a.username() + " is taken");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        AppUser user = new AppUser(a.username(), a.displayName().trim(), a.role(), region.getCode(), now, caller.getUsername());
        user.setPassword(PasswordHashes.hash(a.password(), PasswordHashes.configuredCost()), true, now);
        user.assignDepartment(blankToNull(a.department()));
        em.persist(user);
        em.flush();
        audit.record("ACCOUNT_CREATED", "account", user.getUsername(), null, describe(user), null);
        return view(user);
    }

    /** The accounts at or below {@code regionCode} (default: the caller's region), by user name, a page at a time. */
    public Page list(String regionCode, int page, int size) {
        AppUser caller = callers.current();
        String code = regionCode == null || regionCode.isBlank() ? caller.getRegionCode() : regionCode.trim();
        if (regions.find(code).isEmpty() || !regions.isWithin(code, caller.getRegionCode())) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + code + " 的账户", "region " + code + " is outside your area");
        }
        List<AppUser> all = AreaAccounts.within(em, regions, code);
        int from = Math.min(Math.max(page, 0) * Math.max(1, Math.min(size, MAX_PAGE)), all.size());
        int to = Math.min(from + Math.max(1, Math.min(size, MAX_PAGE)), all.size());
        return new Page(all.subList(from, to).stream().map(this::view).toList(), all.size());
    }

    public Account get(String username) {
        return view(inArea(username));
    }

    public Account change(String username, Change c) {
        List<FieldError> errors = new ArrayList<>();
        if (c.displayName() != null) {
            AccountRules.displayName(c.displayName()).ifPresent(m -> errors.add(new FieldError("displayName", m)));
        }
        if (c.role() != null && !AccountRules.ROLES.contains(c.role())) {
            errors.add(new FieldError("role", "须为 " + String.join("、", AccountRules.ROLES) + " 之一 / unknown role"));
        }
        if (c.department() != null) {
            departmentRefusal(c.role() == null ? Roles.DEPARTMENT : c.role(), c.department())
                    .ifPresent(m -> errors.add(new FieldError("department", m)));
        }
        refuse(errors, "账户信息格式错误", "malformed account change");
        AppUser caller = callers.current();
        AppUser user = inArea(username);
        em.lock(user, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        String before = describe(user);
        if (user.getUsername().equals(caller.getUsername()) && (Boolean.FALSE.equals(c.enabled())
                || (c.role() != null && !c.role().equals(user.getRole())))) {
            throw ProblemException.conflict("OWN_ACCOUNT", "不能停用自己的账户或更改自己的角色",
                    "you cannot disable your own account or change your own role");
        }
        String role = c.role() == null ? user.getRole() : c.role();
        String regionCode = c.regionCode() == null || c.regionCode().isBlank() ? user.getRegionCode() : c.regionCode().trim();
        if (c.role() != null || c.regionCode() != null) {
            assignable(caller, role, regionCode);
        } else {
            requireRoleWithinCaller(caller, user.getRole());
        }
        if (c.displayName() != null) {
            user.rename(c.displayName().trim());
        }
        user.assign(role, regionCode);
        if (c.department() != null) {
            user.assignDepartment(blankToNull(c.department()));
        }
        if (c.enabled() != null) {
            user.enable(c.enabled());
        }
        em.flush();
        credentials.clearAfterCommit();
        audit.record(Boolean.FALSE.equals(c.enabled()) ? "ACCOUNT_DISABLED" : "ACCOUNT_CHANGED", "account", user.getUsername(),
                before, describe(user), null);
        return view(user);
    }

    /** An administrator's reset: the account must choose a new password at its next sign-in. */
    public void resetPassword(String username, String password) {
        AppUser caller = callers.current();
        AppUser user = inArea(username);
        requireRoleWithinCaller(caller, user.getRole());
        PasswordRules.refusal(user.getUsername(), password).ifPresent(m ->
                refuse(List.of(new FieldError("password", m)), "密码不符合要求", "password refused"));
        user.setPassword(PasswordHashes.hash(password, PasswordHashes.configuredCost()), true, OffsetDateTime.now(clock));
        throttle.unlock(user.getUsername());
        credentials.clearAfterCommit();
        audit.record("ACCOUNT_PASSWORD_RESET", "account", user.getUsername(), null, null, "must change at next sign-in");
    }

    /** The caller's own new password, given the current one. */
    @PermitAll
    public void changeOwnPassword(String currentPassword, String password) {
        AppUser user = em.find(AppUser.class, callers.current().getUsername());
        if (!PasswordHashes.matches(currentPassword, user.password())) {
            refuse(List.of(new FieldError("currentPassword", "当前密码不正确 / the current password is wrong")),
                    "当前密码不正确", "the current password is wrong");
        }
        List<FieldError> errors = new ArrayList<>();
        PasswordRules.refusal(user.getUsername(), password).ifPresent(m -> errors.add(new FieldError("password", m)));
        if (errors.isEmpty() && password.equals(currentPassword)) {
            errors.add(new FieldError("password", "须与当前密码不同 / must differ from the current password"));
        }
        refuse(errors, "新密码不符合要求", "new password refused");
        user.setPassword(PasswordHashes.hash(password, user.password().cost() < PasswordHashes.configuredCost()
                ? PasswordHashes.configuredCost() : user.password().cost()), false, OffsetDateTime.now(clock));
        credentials.clearAfterCommit();
        audit.record("ACCOUNT_PASSWORD_CHANGED", "account", user.getUsername(), null, null, null);
    }

    /**
     * Makes a new key for a program's account (integration or tax) of the caller's area, replacing any earlier one: the
     * program signs in with HTTP Basic as its user name and this key, which the realm checks without bcrypt's cost.
     */
    public IssuedKey issueApiKey(String username) {
        AppUser caller = callers.current();
        AppUser user = inArea(username);
        requireRoleWithinCaller(caller, user.getRole());
        if (!KEY_ROLES.contains(user.getRole())) {
            throw ProblemException.unprocessable("KEY_NOT_FOR_PERSONS", "只有接口账户（integration、tax）可以使用接口密钥；个人账户使用密码",
                    "only program accounts (integration, tax) hold a key; a person signs in with a password");
        }
        ApiKeys.Issued issued = ApiKeys.issue();
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean replaced = user.getApiKeyCreatedAt() != null;
        user.setApiKey(issued.digest(), issued.salt(), now);
        credentials.clearAfterCommit();
        audit.record("ACCOUNT_KEY_ISSUED", "account", user.getUsername(), null, null, replaced ? "replaces the earlier key" : "first key");
        return new IssuedKey(user.getUsername(), issued.key(), now);
    }

    /** Withdraws a program's key at once (its password, if any, still works). */
    public void revokeApiKey(String username) {
        AppUser caller = callers.current();
        AppUser user = inArea(username);
        requireRoleWithinCaller(caller, user.getRole());
        if (user.getApiKeyCreatedAt() == null) {
            throw ProblemException.notFound("KEY_UNKNOWN", "该账户没有接口密钥", "the account holds no key");
        }
        user.setApiKey(null, null, null);
        credentials.clearAfterCommit();
        audit.record("ACCOUNT_KEY_REVOKED", "account", user.getUsername(), null, null, null);
    }

    /** Lifts the sign-in throttle of an account (every source), e.g. after the user called the office. */
    public void unlock(String username) {
        AppUser user = inArea(username);
        throttle.unlock(user.getUsername());
        audit.record("ACCOUNT_UNLOCKED", "account", user.getUsername(), null, null, null);
    }

    /** The caller's own account. */
    @PermitAll
    public Account me() {
        return view(em.find(AppUser.class, callers.current().getUsername()));
    }

    /** Records a person's sign-in (the login form; not every API request). */
    @PermitAll
    public Account signedIn() {
        AppUser user = em.find(AppUser.class, callers.current().getUsername());
        user.recordLogin(OffsetDateTime.now(clock));
        return view(user);
    }

    @PermitAll
    public boolean mustChangePassword() {
        return standing() == Standing.MUST_CHANGE_PASSWORD;
    }

    /** Where the caller's account stands now: an API request is admitted only when {@link Standing#ACTIVE}. */
    public enum Standing { ACTIVE, MUST_CHANGE_PASSWORD, DISABLED }

    /**
     * The caller's account as the table says now — not as the server's credential cache remembers it (up to a minute,
     * config/cli/03-security.cli): a disabled account is refused at once.
     */
    @PermitAll
    public Standing standing() {
        Optional<String> username = callers.username();
        if (username.isEmpty()) {
            return Standing.ACTIVE;
        }
        AppUser user = em.find(AppUser.class, username.get());
        if (user == null || !user.isEnabled()) {
            return Standing.DISABLED;
        }
        return user.isMustChangePassword() ? Standing.MUST_CHANGE_PASSWORD : Standing.ACTIVE;
    }

    // ---- rules ------------------------------------------------------------------------------------------------------

    private AppUser inArea(String username) {
        AppUser user = username == null ? null : em.find(AppUser.class, username);
        if (user == null || !regions.isWithin(user.getRegionCode(), callers.current().getRegionCode())) {
            throw ProblemException.notFound("ACCOUNT_UNKNOWN", "未知的账户 " + username, "unknown account " + username);
        }
        return user;
    }

    /** The region for {@code role}: known, inside the caller's area, of a level the role works at; the role no higher than the caller's. */
    private Region assignable(AppUser caller, String role, String regionCode) {
        requireRoleWithinCaller(caller, role);
        Region region = regions.find(regionCode).orElseThrow(() -> new ProblemException(ProblemException.Kind.UNPROCESSABLE,
                "REGION_UNKNOWN", "未知的行政区划代码 " + regionCode, "unknown region code " + regionCode,
                List.of(new FieldError("regionCode", "未知 / unknown"))));
        if (!regions.isWithin(region.getCode(), caller.getRegionCode())) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "辖区 " + regionCode + " 不在您的管理范围内",
                    "region " + regionCode + " is outside your area");
        }
        if (!AccountRules.levelFits(role, region.getLevel())) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "REGION_LEVEL_FOR_ROLE",
                    role + " 须设在" + AccountRules.levelsZh(role) + "：" + regionCode + " 为 " + region.getLevel(),
                    role + " works at " + AccountRules.levels(role) + "; " + regionCode + " is a " + region.getLevel(),
                    List.of(new FieldError("regionCode", AccountRules.levelsZh(role))));
        }
        return region;
    }

    private static void requireRoleWithinCaller(AppUser caller, String role) {
        if (!AccountRules.mayAssign(caller.getRole(), role)) {
            throw ProblemException.forbidden("ROLE_ABOVE_CALLER", "无权管理角色为 " + role + " 的账户",
                    "you may not manage accounts with role " + role);
        }
    }

    private static void refuse(List<FieldError> errors, String zh, String en) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", zh, en, errors);
        }
    }

    private Account view(AppUser u) {
        String regionName = regions.find(u.getRegionCode()).map(Region::getName).orElse(null);
        return new Account(u.getUsername(), u.getDisplayName(), u.getRole(), u.getRegionCode(), regionName, u.isEnabled(),
                u.isMustChangePassword(), u.getLastLoginAt(), u.getCreatedAt(), u.getCreatedBy(), throttle.isLocked(u.getUsername()),
                u.getApiKeyCreatedAt(), u.getDepartment());
    }

    /** A department is named only for accounts of role department, in at most 100 characters of plain text. */
    private static java.util.Optional<String> departmentRefusal(String role, String department) {
        if (department == null || department.isBlank()) {
            return java.util.Optional.empty();
        }
        if (!Roles.DEPARTMENT.equals(role)) {
            return java.util.Optional.of("只有部门账户（department）设所属部门 / only department accounts name a department");
        }
        return cn.canbao.platform.entity.FreeText.refusal(department, 100, false);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String describe(AppUser u) {
        return "{\"username\":\"" + u.getUsername() + "\",\"role\":\"" + u.getRole() + "\",\"regionCode\":\"" + u.getRegionCode()
                + "\",\"enabled\":" + u.isEnabled() + (u.getDepartment() == null ? "" : ",\"department\":\"" + u.getDepartment() + "\"") + "}";
    }
}
