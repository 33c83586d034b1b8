package cn.canbao.web.counter;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.entity.AmountInWords;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The household panel of the person page ({@code counter/person.xhtml}): every member of the resident's household
 * with their status in the policy chosen above and what they would pay today in the tier chosen above; the clerk
 * ticks the members who pay now and takes one sum for them. As for one person, the button only opens the
 * confirmation (the members, the total in figures and in words, for cash the change); the confirmation takes the
 * money — one payment and one receipt per member ({@link Payments#payAll}), each under a transaction id fixed when
 * the ticks were confirmed, so a second click replays instead of paying twice.
 */
@Named
@ViewScoped
public class HouseholdPayView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A member of the household as the panel shows them; {@code refusal} says why they cannot pay now. */
    public record Member(Long personId, String name, String maskedIdNumber, String status, BigDecimal amount,
                         String refusal, boolean self) implements Serializable {
        public boolean payable() {
            return refusal == null && amount != null;
        }
    }

    @Inject
    ResidentView resident;

    @Inject
    transient Persons persons;

    @Inject
    transient Enrollments enrollments;

    @Inject
    transient Payments payments;

    @Inject
    transient Policies policies;

    @Inject
    transient CounterLabels labels;

    @Inject
    transient Clock clock;

    private List<Member> members;
    private String membersFor;
    private List<Member> selected = new ArrayList<>();
    private List<Member> confirmed = List.of();
    private String channel = "CASH";
    private String transactionBase;

    /** The members, read for the policy and tier chosen in the quote panel (again when either changes). */
    public List<Member> getMembers() {
        String key = resident.getPolicyId() + "|" + resident.getTier();
        if (members == null || !key.equals(membersFor)) {
            members = read();
            membersFor = key;
            selected = new ArrayList<>();
        }
        return members;
    }

    private List<Member> read() {
        Person self = resident.current();
        if (self.getHousehold() == null || resident.getPolicyId() == null || resident.getTier() == null) {
            return List.of();
        }
        String policyId = resident.getPolicyId();
        List<Member> lines = new ArrayList<>();
        for (Person m : persons.members(self.getHousehold())) {
            if (!persons.callerMaySee(m)) {
                continue;
            }
            String status = enrollments.of(m).stream().filter(r -> r.enrollment().getPolicyId().equals(policyId))
                    .map(r -> labels.status(r.status().name())).findFirst().orElse(Texts.text("counter.household.notRegistered", "—"));
            Policies.QuoteOutcome quote = enrollments.quote(m, policyId, resident.getTier());
            lines.add(new Member(m.getId(), m.getName(), m.maskedIdNumber(), status,
                    quote.refused() ? null : quote.quote().personalAmount(),
                    quote.refused() ? (Texts.english() ? quote.messageEn() : quote.messageZh()) : null,
                    m.getId().equals(self.getId())));
        }
        return lines;
    }

    /** The button: takes no money. Checks the ticks and opens the confirmation with the members and the total. */
    public void review() {
        List<Member> payable = selected == null ? List.of() : selected.stream().filter(Member::payable).toList();
        if (payable.isEmpty()) {
            ScreenMessages.error(Texts.text("counter.household.noneTicked", "tick the members who pay now"));
            return;
        }
        confirmed = payable;
        transactionBase = "CTH-" + UUID.randomUUID();
        PrimeFaces.current().ajax().addCallbackParam("review", true);
    }

    /** The confirmation's button: one payment per member confirmed, each answered on its own line. */
    public void pay() {
        if (confirmed.isEmpty() || transactionBase == null) {
            ScreenMessages.error(Texts.text("counter.confirm.nothing", "nothing to pay"));
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        java.util.Map<Long, Person> byId = new java.util.HashMap<>();
        java.util.Map<Long, Long> guardianOf = new java.util.HashMap<>();
        for (Member m : confirmed) {
            Person person = persons.byKey(m.personId());
            byId.put(m.personId(), person);
            if (person.getGuardian() != null) {
                guardianOf.put(m.personId(), person.getGuardian().getId());
            }
        }
        // the family confirmed (and handed over) a newborn's own contribution: recorded before its guardian's payment,
        // which would otherwise cover the newborn through the guardian first and leave its money untaken (decision 49)
        confirmed = wardsFirst(confirmed, guardianOf);
        List<Payments.Submission> submissions = new ArrayList<>();
        for (Member m : confirmed) {
            Person person = byId.get(m.personId());
            submissions.add(new Payments.Submission(transactionBase + "-" + m.personId(), person.getIdNumber(),
                    resident.getPolicyId(), resident.getTier(), m.amount(), channel, now));
        }
        List<Payments.Taken> taken = payments.payAll(submissions);
        BigDecimal total = BigDecimal.ZERO;
        int paid = 0;
        for (int i = 0; i < taken.size(); i++) {
            Payments.Taken t = taken.get(i);
            Member m = confirmed.get(i);
            if (t.outcome() != null) {
                paid++;
                total = total.add(t.outcome().payment().getAmount());
                Faces.info(m.name() + " · " + Texts.text(t.outcome().created() ? "counter.paid" : "counter.paidBefore", "paid")
                        + " " + t.outcome().payment().getReceiptNumber());
            } else if (t.refusal() instanceof ProblemException problem) {
                ScreenMessages.error(m.name() + " · " + Texts.refusal(problem));
            } else {
                ScreenMessages.error(m.name() + " · " + Texts.text("counter.household.failed", "not paid"));
            }
        }
        Faces.info(java.text.MessageFormat.format(Texts.text("counter.household.paid", "{0} paid, {1} yuan in all"),
                String.valueOf(paid), total.setScale(2, RoundingMode.HALF_UP).toPlainString()));
        confirmed = List.of();
        transactionBase = null;
        members = null;
        resident.reload();
    }

    /**
     * The confirmed members to pay: first those whose guardian is also confirmed, then the others, each group in the
     * order confirmed. {@code guardianOf}: person id → guardian's person id.
     */
    static List<Member> wardsFirst(List<Member> confirmed, java.util.Map<Long, Long> guardianOf) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        confirmed.forEach(m -> ids.add(m.personId()));
        List<Member> ordered = new ArrayList<>();
        confirmed.stream().filter(m -> ids.contains(guardianOf.get(m.personId()))).forEach(ordered::add);
        confirmed.stream().filter(m -> !ids.contains(guardianOf.get(m.personId()))).forEach(ordered::add);
        return ordered;
    }

    /** What the confirmation asks for: the sum of the confirmed members' amounts. */
    public BigDecimal getTotal() {
        return confirmed.stream().map(Member::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    public String getTotalInWords() {
        return AmountInWords.renminbi(getTotal());
    }

    public boolean isAnyPayable() {
        return getMembers().stream().anyMatch(Member::payable);
    }

    public List<Member> getSelected() { return selected; }
    public void setSelected(List<Member> selected) { this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected); }
    public List<Member> getConfirmed() { return confirmed; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
}
