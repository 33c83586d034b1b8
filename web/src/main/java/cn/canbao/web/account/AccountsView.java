package cn.canbao.web.account;

import cn.canbao.account.boundary.Accounts;
import cn.canbao.account.boundary.Accounts.Account;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code account/accounts.xhtml}: the accounts of the caller's area (district administrators, town officers): a page at
 * a time; a dialog creates or edits one (role and region from the caller's reach); reset a password, unlock, disable.
 * Every action goes through {@link Accounts} (the same rules and audit as {@code /api/v1/accounts}).
 */
@Named
@ViewScoped
public class AccountsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A region as the picker offers it. */
    public record RegionOption(String code, String label) implements Serializable {
    }

    @Inject
    transient Accounts accounts;

    @Inject
    transient Regions regions;

    private final Lines lines = new Lines();
    private List<RegionOption> regionOptions;
    private boolean creating;
    private String username;
    private String displayName;
    private String role;
    private String regionCode;
    private String password;
    private transient String issuedKey;

    @PostConstruct
    void init() {
        regionOptions = regions.callersSubtree().stream()
                .map(r -> new RegionOption(r.getCode(), indent(r) + r.getName() + "（" + r.getCode() + "）")).toList();
    }

    public class Lines extends LazyDataModel<Account> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) accounts.list(null, 0, 1).total();
        }

        @Override
        public List<Account> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            Accounts.Page page = accounts.list(null, first / Math.max(1, pageSize), pageSize);
            setRowCount((int) page.total());
            return page.accounts();
        }

        @Override
        public String getRowKey(Account a) {
            return a.username();
        }

        @Override
        public Account getRowData(String rowKey) {
            return accounts.get(rowKey);
        }
    }

    public void startCreate() {
        creating = true;
        username = displayName = role = regionCode = password = department = null;
    }

    public void startEdit(Account a) {
        creating = false;
        username = a.username();
        displayName = a.displayName();
        role = a.role();
        regionCode = a.regionCode();
        department = a.department();
        password = null;
    }

    public void save() {
        try {
            if (creating) {
                accounts.create(new Accounts.NewAccount(username, displayName, role, regionCode, password,
                        "department".equals(role) ? department : null));
                ScreenMessages.info(MessageFormat.format(Texts.text("accounts.created"), username));
            } else {
                accounts.change(username, new Accounts.Change(displayName, role, regionCode, null,
                        "department".equals(role) ? (department == null ? "" : department) : null));
                ScreenMessages.info(MessageFormat.format(Texts.text("accounts.saved"), username));
            }
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "accounts.col.", null);
        }
    }

    public void resetPassword() {
        try {
            accounts.resetPassword(username, password);
            ScreenMessages.info(MessageFormat.format(Texts.text("accounts.resetDone"), username));
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "accounts.col.", null);
        }
    }

    public void unlock(Account a) {
        try {
            accounts.unlock(a.username());
            ScreenMessages.info(MessageFormat.format(Texts.text("accounts.unlocked"), a.username()));
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "accounts.col.", null);
        }
    }

    /** A new key for a program's account, shown in a dialog this once. */
    public void issueKey(Account a) {
        try {
            Accounts.IssuedKey key = accounts.issueApiKey(a.username());
            username = key.username();
            issuedKey = key.apiKey();
        } catch (ProblemException problem) {
            issuedKey = null;
            ScreenMessages.refused(problem, "accounts.col.", null);
        }
    }

    public boolean mayHoldKey(Account a) {
        return Accounts.KEY_ROLES.contains(a.role());
    }

    public String getIssuedKey() {
        return issuedKey;
    }

    public void toggle(Account a) {
        try {
            accounts.change(a.username(), new Accounts.Change(null, null, null, !a.enabled()));
            ScreenMessages.info(MessageFormat.format(Texts.text("accounts.saved"), a.username()));
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "accounts.col.", null);
        }
    }

    /** The roles the caller may give (a town officer: clerks and town officers). */
    public List<String> getRoles() {
        return accounts.me().role().equals(Roles.DISTRICT_ADMIN) ? List.of(Roles.ALL) : List.of(Roles.CLERK, Roles.TOWN_OFFICER);
    }

    public String roleName(String role) {
        return role == null ? "" : Texts.text("role." + role, role);
    }

    private static String indent(Region r) {
        return switch (r.getLevel()) {
            case PROVINCE, DISTRICT -> "";
            case TOWN -> "· ";
            case VILLAGE -> "· · ";
        };
    }

    public Lines getLines() { return lines; }
    public List<RegionOption> getRegionOptions() { return regionOptions; }
    public boolean isCreating() { return creating; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }
    public String getRegionCode() { return regionCode; }
    public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }

    /** The department of an account of role department (区民政局 …): which subsidy categories it sees. */
    private String department;

    public String getDepartment() { return department; }
    public void setDepartment(String department) { this.department = department; }
}
