package cn.canbao.web.refund;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.entity.Person;
import cn.canbao.person.boundary.Persons;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.refund.boundary.Refunds;
import cn.canbao.refund.entity.Refund;
import cn.canbao.web.counter.Faces;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code refund/request.xhtml?person=&policy=}: a refund request (退费申请) for a paid enrollment, reached from the
 * counter's person page, or by ID number (the district bureau has no counter). The rules are the boundary's
 * ({@link Refunds#request}): a refusal is shown as its message and changes nothing; the person's refunds are listed
 * with their state.
 */
@Named
@ViewScoped
public class RefundRequestView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<EnrollmentStatus> PAID = EnumSet.of(EnrollmentStatus.PAID, EnrollmentStatus.WAITING,
            EnrollmentStatus.COVERED);

    @Inject
    transient Persons persons;

    @Inject
    transient Enrollments enrollments;

    @Inject
    transient Refunds refunds;

    private Long personId;
    private String idNumber;
    private String personName;
    private String maskedIdNumber;
    private List<String> policyChoices = List.of();
    private List<RefundLine> lines = List.of();

    private String policy;
    private String reason = Refund.Reason.DEATH.name();
    private String note;
    /** The payee when not the resident (an heir, a guardian), and the account to pay into. */
    private String payeeName;
    private String payeeAccount;

    /** f:viewAction: the person of the link (403 outside the caller's area). */
    public void load() {
        if (personName != null || personId == null) {
            return;
        }
        try {
            show(persons.byKey(personId));
        } catch (ProblemException problem) {
            if (problem.kind() == ProblemException.Kind.FORBIDDEN) {
                Faces.forbidden();
            } else {
                Faces.refused(problem);
            }
        }
    }

    /** The person typed by ID number. */
    public void find() {
        personName = null;
        lines = List.of();
        policyChoices = List.of();
        try {
            show(persons.byIdNumber(idNumber));
        } catch (ProblemException problem) {
            personId = null;
            Faces.refused(problem);
        }
    }

    public void submit() {
        if (personId == null) {
            return;
        }
        try {
            Person person = persons.byKey(personId);
            Refunds.Requested requested = refunds.request(person.getIdNumber(), policy, reason, note, payeeName, payeeAccount);
            Refund refund = requested.refund();
            Faces.info(Texts.text("refund.requested", "requested") + " #" + refund.getId() + " · "
                    + Texts.text(refund.isEligible() ? "refund.eligible" : "refund.notEligible", ""));
            note = null;
            payeeName = null;
            payeeAccount = null;
            show(person);
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    private void show(Person person) {
        personId = person.getId();
        personName = person.getName();
        maskedIdNumber = person.maskedIdNumber();
        policyChoices = enrollments.of(person).stream().filter(r -> PAID.contains(r.status()))
                .map(r -> r.enrollment().getPolicyId()).toList();
        if (policy == null || !policyChoices.contains(policy)) {
            policy = policyChoices.isEmpty() ? null : policyChoices.get(0);
        }
        lines = refunds.of(person).stream().map(r -> RefundLine.of(r, person, refunds.payment(r))).toList();
    }

    public Refund.Reason[] getReasons() {
        return Refund.Reason.values();
    }

    public Long getPersonId() { return personId; }
    public void setPersonId(Long personId) { this.personId = personId; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getPersonName() { return personName; }
    public String getMaskedIdNumber() { return maskedIdNumber; }
    public List<String> getPolicyChoices() { return policyChoices; }
    public List<RefundLine> getLines() { return lines; }
    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public String getPayeeName() { return payeeName; }
    public void setPayeeName(String payeeName) { this.payeeName = payeeName; }
    public String getPayeeAccount() { return payeeAccount; }
    public void setPayeeAccount(String payeeAccount) { this.payeeAccount = payeeAccount; }
}
