package cn.canbao.web.policy;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyDiff;
import cn.canbao.policy.entity.PolicyLint;
import cn.canbao.web.platform.Texts;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code policy/view.xhtml?id=}: one policy as the notice's tables (tiers, windows, catalogue, exemptions, scoring), its
 * lint warnings, its saved versions (any two compared) and a comparison with another year's policy (docs/decisions.md 48).
 */
@Named
@ViewScoped
public class PolicyView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The versions the panel lists: the newest ones (the API pages through all). */
    static final int VERSIONS_SHOWN = 50;

    @Inject
    transient Policies policies;

    private String id;
    private transient Policy policy;
    private List<PolicyLint.Warning> warnings = List.of();
    private List<Policies.VersionLine> versions = List.of();
    private long versionTotal;
    private Integer fromVersion;
    private Integer toVersion;
    private String otherPolicy;
    private boolean aligned = true;
    private final List<PolicyDiff.Change> changes = new ArrayList<>();
    private String comparisonTitle;
    private boolean compared;
    private boolean truncated;
    private Boolean mayEdit;
    private List<Policies.Summary> otherPolicies;

    /** f:viewAction: reads the policy named by the {@code id} parameter, its lint and versions. */
    public void load() {
        if (policy != null) {
            return;
        }
        try {
            policy = policies.policy(id);
            warnings = policies.lint(id).warnings();
            Policies.VersionPage page = policies.versions(id, 0, VERSIONS_SHOWN);
            versions = page.versions();
            versionTotal = page.total();
            if (!versions.isEmpty()) {
                toVersion = versions.get(0).version();
                fromVersion = versions.size() > 1 ? versions.get(1).version() : toVersion;
            }
            String previous = policy.regionCode() + "-" + (policy.insuranceYear() - 1);
            otherPolicy = getOtherPolicies().stream().map(Policies.Summary::policyId).filter(previous::equals).findFirst()
                    .orElse(null);
        } catch (ProblemException problem) {
            message(FacesMessage.SEVERITY_WARN, Texts.refusal(problem));
        }
    }

    /** Compares two saved versions of this policy: what changed from {@code fromVersion} to {@code toVersion}. */
    public void compareVersions() {
        if (fromVersion == null || toVersion == null) {
            return;
        }
        show(() -> policies.compare(id, toVersion, id, fromVersion, false), MessageFormat.format(
                Texts.text("policy.versions.compared", "Version {0} against version {1}"), toVersion, fromVersion));
    }

    /** Compares this policy with another (another year's), aligned by the year difference when asked. */
    public void compareOther() {
        if (otherPolicy == null || otherPolicy.isBlank()) {
            return;
        }
        show(() -> policies.compare(id, null, otherPolicy, null, aligned), MessageFormat.format(
                Texts.text(aligned ? "policy.diff.comparedAligned" : "policy.diff.comparedLiteral", "{0} against {1}"),
                id, otherPolicy));
    }

    private void show(java.util.function.Supplier<Policies.Comparison> comparison, String title) {
        changes.clear();
        compared = false;
        try {
            Policies.Comparison c = comparison.get();
            changes.addAll(c.changes());
            truncated = c.truncated();
            comparisonTitle = title;
            compared = true;
        } catch (ProblemException problem) {
            message(FacesMessage.SEVERITY_WARN, Texts.refusal(problem));
        }
    }

    /** Whether the caller may save this district's policies (and so draft next year's). */
    public boolean isMayEdit() {
        if (mayEdit == null) {
            mayEdit = id != null && policies.callerMayEdit(id);
        }
        return mayEdit;
    }

    /** The policies to compare with, the same district's first (newest year first), then the others. */
    public List<Policies.Summary> getOtherPolicies() {
        if (otherPolicies == null) {
            String region = policy == null ? "" : policy.regionCode();
            otherPolicies = policies.list().stream().filter(s -> !s.policyId().equals(id))
                    .sorted(java.util.Comparator.comparing((Policies.Summary s) -> !s.regionCode().equals(region))
                            .thenComparing(Policies.Summary::insuranceYear, java.util.Comparator.reverseOrder())
                            .thenComparing(Policies.Summary::policyId))
                    .toList();
        }
        return otherPolicies;
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Policy getPolicy() {
        return policy;
    }

    public List<PolicyLint.Warning> getWarnings() {
        return warnings;
    }

    public List<Policies.VersionLine> getVersions() {
        return versions;
    }

    public long getVersionTotal() {
        return versionTotal;
    }

    public Integer getFromVersion() {
        return fromVersion;
    }

    public void setFromVersion(Integer fromVersion) {
        this.fromVersion = fromVersion;
    }

    public Integer getToVersion() {
        return toVersion;
    }

    public void setToVersion(Integer toVersion) {
        this.toVersion = toVersion;
    }

    public String getOtherPolicy() {
        return otherPolicy;
    }

    public void setOtherPolicy(String otherPolicy) {
        this.otherPolicy = otherPolicy;
    }

    public boolean isAligned() {
        return aligned;
    }

    public void setAligned(boolean aligned) {
        this.aligned = aligned;
    }

    public List<PolicyDiff.Change> getChanges() {
        return changes;
    }

    public String getComparisonTitle() {
        return comparisonTitle;
    }

    public boolean isCompared() {
        return compared;
    }

    public boolean isTruncated() {
        return truncated;
    }
}
