package cn.canbao.web.counter;

import cn.canbao.enrollment.boundary.Contacts;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.ContactAttempt;
import cn.canbao.enrollment.entity.ContactChannel;
import cn.canbao.enrollment.entity.ContactOutcome;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code counter/unpaid.xhtml?region=&policy=}: the unpaid list (未缴费名单) of a village, with phone numbers, for
 * the house visits. Another area's list is answered with the 403 page, never with its data.
 */
@Named
@ViewScoped
public class UnpaidView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A village to narrow a town's list to. */
    public record Village(String code, String name) implements Serializable {
    }

    /** A line of the list: who, how to reach them, where their enrollment stands. */
    public record Line(Long personId, String maskedIdNumber, String name, String regionCode, String phone,
                       String status, BigDecimal amountDue, String lastContactAt, String lastContactChannel,
                       String lastContactOutcome, String lastContactNote) implements Serializable {
    }

    private static final DateTimeFormatter CONTACT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    transient Enrollments enrollments;

    @Inject
    transient Policies policies;

    @Inject
    transient Contacts contacts;

    @Inject
    transient Regions regions;

    @Inject
    UserSession userSession;

    private String region;
    private String policy;
    private String regionName;
    private List<Policies.Summary> policyChoices = List.of();
    private final Lines lines = new Lines();
    private long total = -1;
    /** The search box (a name's beginning or a whole ID number) and the "not yet contacted" tick. */
    private String searchText;
    private boolean notContacted;
    /** Narrowing: one village of a town's list, the enrollment's state, the outcome of the latest contact. */
    private String village;
    private String status;
    private String lastOutcome;
    private List<Village> villageChoices = List.of();
    private Long contactPerson;
    private String contactName;
    private String contactChannel = "PHONE";
    private String contactOutcome;
    private String contactNote;

    public class Lines extends LazyDataModel<Line> {

        private static final long serialVersionUID = 1L;

        /** Counted once for the view (and again when the policy changes): paging asks for pages only. */
        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            if (total < 0) {
                total = enrollments.unpaid(policy, listed(), filter(), 0, 1, true).total();
            }
            return (int) total;
        }

        @Override
        public List<Line> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            Enrollments.UnpaidPage page = enrollments.unpaid(policy, listed(), filter(), first, pageSize, false);
            Map<Long, ContactAttempt> latest = page.lines().isEmpty() ? Map.of() : contacts.latest(
                    page.lines().stream().map(u -> u.person().getId()).toList(), policies.policy(policy).insuranceYear());
            return page.lines().stream().map(u -> {
                ContactAttempt c = latest.get(u.person().getId());
                return new Line(u.person().getId(), u.person().maskedIdNumber(),
                        u.person().getName(), u.person().getHouseholdRegionCode(), u.person().getPhone(),
                        u.enrollment() == null ? null : u.enrollment().getStatus().name(),
                        u.enrollment() == null ? null : u.enrollment().getAmountDue(),
                        c == null ? null : c.getRecordedAt().atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(CONTACT_TIME),
                        c == null ? null : c.getChannel().name(), c == null ? null : c.getOutcome().name(),
                        c == null ? null : c.getNote());
            }).toList();
        }

        @Override
        public String getRowKey(Line line) {
            return String.valueOf(line.personId());
        }

        @Override
        public Line getRowData(String rowKey) {
            return null;
        }
    }

    /** f:viewAction: the caller's own region unless another is asked for, which must lie inside it (403 otherwise). */
    public void load() {
        if (region == null || region.isBlank()) {
            region = userSession.getRegionCode();
        }
        if (!regions.callerMaySee(region)) {
            Faces.forbidden();
            return;
        }
        regionName = regions.find(region).map(Region::getName).orElse(region);
        List<String> villages = regions.villagesUnder(region);
        villageChoices = villages.size() <= 1 ? List.of() : villages.stream()
                .map(code -> new Village(code, regions.find(code).map(Region::getName).orElse(code))).toList();
        policyChoices = policies.list().stream()
                .filter(s -> regions.isWithin(region, s.regionCode()))
                .sorted(Comparator.comparing(Policies.Summary::insuranceYear).reversed().thenComparing(Policies.Summary::policyId))
                .toList();
        if ((policy == null || policy.isBlank()) && !policyChoices.isEmpty()) {
            policy = policyChoices.get(0).policyId();
        }
        try {
            total = enrollments.unpaid(policy, listed(), filter(), 0, 1, true).total();
        } catch (ProblemException problem) {
            if (problem.kind() == ProblemException.Kind.FORBIDDEN) {
                Faces.forbidden();
            } else {
                Faces.refused(problem);
            }
        }
    }

    /** The record-a-contact dialog opens for this line. */
    public void startContact(Line line) {
        contactPerson = line.personId();
        contactName = line.name();
        contactChannel = "PHONE";
        contactOutcome = null;
        contactNote = null;
    }

    /** Saves the contact; a refusal stays in the dialog as a message, with what the clerk typed. */
    public void saveContact() {
        try {
            contacts.record(contactPerson, policy, contactChannel, contactOutcome, contactNote);
            Faces.info(Texts.text("counter.contact.saved", "contact recorded") + "：" + contactName);
            contactPerson = null;
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    public List<String> getContactChannels() {
        return Arrays.stream(ContactChannel.values()).map(Enum::name).toList();
    }

    public List<String> getContactOutcomes() {
        return Arrays.stream(ContactOutcome.values()).map(Enum::name).toList();
    }

    public Long getContactPerson() { return contactPerson; }
    public String getContactName() { return contactName; }
    public String getContactChannel() { return contactChannel; }
    public void setContactChannel(String contactChannel) { this.contactChannel = contactChannel; }
    public String getContactOutcome() { return contactOutcome; }
    public void setContactOutcome(String contactOutcome) { this.contactOutcome = contactOutcome; }
    public String getContactNote() { return contactNote; }
    public void setContactNote(String contactNote) { this.contactNote = contactNote; }
    /** Another policy chosen: its list has another length. */
    public void policyChanged() {
        total = -1;
    }

    /** The search box or the tick changed: counted afresh from the first page. */
    public void search() {
        total = -1;
        var table = jakarta.faces.context.FacesContext.getCurrentInstance().getViewRoot().findComponent(":unpaid:table");
        if (table instanceof org.primefaces.component.datatable.DataTable dataTable) {
            dataTable.setFirst(0);
        }
    }

    private Enrollments.UnpaidFilter filter() {
        return new Enrollments.UnpaidFilter(searchText, notContacted, enumOrNull(Enrollments.UnpaidStatus.class, status),
                enumOrNull(ContactOutcome.class, lastOutcome));
    }

    /** The region listed: the village chosen when it is one of the page's, else the page's region. */
    public String listed() {
        return village != null && villageChoices.stream().anyMatch(v -> v.code().equals(village)) ? village : region;
    }

    static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    public String getSearchText() { return searchText; }
    public void setSearchText(String searchText) { this.searchText = searchText; }
    public boolean isNotContacted() { return notContacted; }
    public void setNotContacted(boolean notContacted) { this.notContacted = notContacted; }
    public String getVillage() { return village; }
    public void setVillage(String village) { this.village = village; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getLastOutcome() { return lastOutcome; }
    public void setLastOutcome(String lastOutcome) { this.lastOutcome = lastOutcome; }
    public List<Village> getVillageChoices() { return villageChoices; }

    public Lines getLines() { return lines; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getRegionName() { return regionName; }
    public List<Policies.Summary> getPolicyChoices() { return policyChoices; }
}
