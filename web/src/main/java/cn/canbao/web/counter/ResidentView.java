package cn.canbao.web.counter;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.collection.entity.Payment;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.Tier;
import cn.canbao.region.boundary.Regions;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.web.collection.PaymentView;
import cn.canbao.web.collection.PdfReceipts;
import cn.canbao.web.collection.Receipts;
import cn.canbao.web.enrollment.EnrollmentView;
import cn.canbao.web.person.IdentityView;
import cn.canbao.web.person.NonEnrollmentView;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * {@code counter/person.xhtml?person=}: one resident at the counter. Their full record (identities, enrollments,
 * payments with receipts, reasons for not enrolling); the quote of a tier with its explanation; a POS or cash
 * payment under a transaction id fixed when the form is shown, so a second click replays the first payment
 * instead of paying twice; a reason for not enrolling with the resident's signature.
 */
@Named
@ViewScoped
public class ResidentView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Persons persons;

    @Inject
    transient Enrollments enrollments;

    @Inject
    transient Payments payments;

    @Inject
    transient SubsidyIdentities identities;

    @Inject
    transient Policies policies;

    @Inject
    transient Regions regions;

    @Inject
    transient Receipts receipts;

    @Inject
    transient PdfReceipts pdfReceipts;

    @Inject
    transient Clock clock;

    @Inject
    transient cn.canbao.enrollment.boundary.InsuranceHistories histories;

    private Long personId;
    private transient Person person;
    private String regionName;
    private List<IdentityView> identityLines = List.of();
    private List<EnrollmentView> enrollmentLines = List.of();
    private List<PaymentView> paymentLines = List.of();
    private List<NonEnrollmentView> nonEnrollmentLines = List.of();
    private String continuousYearsText;
    private List<Policies.Summary> policyChoices = List.of();
    private List<Integer> tierNumbers = List.of();

    private String policyId;
    private Integer tier;
    private transient Quote quote;
    private String quoteRefusal;

    private String channel = "CASH";
    private BigDecimal amount;
    private String transactionId;
    private PaymentView receipt;
    private String receiptHtml;

    private String reason;
    private String note;
    private boolean signed;

    private String phone;
    private String address;
    private String signedBy = "SELF";
    private String cancelPolicy;
    private String cancelReason;
    private String signerName;

    /** f:viewAction: the person if the caller may see them (403 otherwise), and the policies of their region. */
    public void load() {
        if (person != null) {
            return;
        }
        try {
            person = persons.byKey(personId);
        } catch (ProblemException problem) {
            if (problem.kind() == ProblemException.Kind.FORBIDDEN) {
                Faces.forbidden();
            } else {
                Faces.refused(problem);
            }
            return;
        }
        regionName = regions.find(person.getHouseholdRegionCode()).map(r -> r.getName()).orElse(person.getHouseholdRegionCode());
        policyChoices = policies.list().stream()
                .filter(s -> regions.isWithin(person.getHouseholdRegionCode(), s.regionCode()))
                .sorted(Comparator.comparing(Policies.Summary::insuranceYear).reversed().thenComparing(Policies.Summary::policyId))
                .toList();
        if (policyId == null && !policyChoices.isEmpty()) {
            policyId = policyChoices.get(0).policyId();
        }
        policyChanged();
        refresh();
        phone = person.getPhone();
        address = person.getHousehold() == null ? null : person.getHousehold().getAddress();
    }

    /** The contact panel's save: the phone number and the household's address, as typed (audited by Persons). */
    public void saveContact() {
        try {
            Person changed = persons.updateContact(personId, phone, address);
            person = changed;
            phone = changed.getPhone();
            address = changed.getHousehold() == null ? null : changed.getHousehold().getAddress();
            Faces.info(Texts.text("counter.contactInfo.saved", "contact saved"));
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    /** Another policy: its tiers, the first preselected, and the quote for it. */
    public void policyChanged() {
        tierNumbers = policyId == null ? List.of() : policies.policy(policyId).tiers().stream().map(Tier::tier).toList();
        if (tier == null || !tierNumbers.contains(tier)) {
            tier = tierNumbers.isEmpty() ? null : tierNumbers.get(0);
        }
        calculate();
    }

    /** The quote for the chosen tier today; the payment form takes its personal amount. */
    public void calculate() {
        quote = null;
        quoteRefusal = null;
        amount = null;
        if (policyId == null || tier == null) {
            return;
        }
        Policies.QuoteOutcome outcome = enrollments.quote(requirePerson(), policyId, tier);
        if (outcome.refused()) {
            quoteRefusal = (Texts.english() ? outcome.messageEn() : outcome.messageZh()) + "（" + outcome.refusal() + "）";
        } else {
            quote = outcome.quote();
            amount = quote.personalAmount();
        }
        newTransaction();
    }

    /**
     * The pay button: takes no money. Checks that there is an amount and a channel and opens the confirmation (the
     * dialog with the amount, in figures and in words, and for cash the change), where {@link #pay} takes it.
     */
    public void reviewPayment() {
        if (quote == null || amount == null || channel == null) {
            cn.canbao.web.platform.ScreenMessages.error(Texts.text("counter.confirm.nothing", "nothing to pay"));
            return;
        }
        PrimeFaces.current().ajax().addCallbackParam("review", true);
    }

    /** Enter in a field of the payment form: nothing happens (p:defaultCommand); money is taken only by confirming. */
    public void noop() {
        // deliberately empty
    }

    /** The chosen policy's name, for the confirmation. */
    public String getPolicyName() {
        return policyChoices == null ? policyId : policyChoices.stream().filter(s -> s.policyId().equals(policyId))
                .map(s -> s.policyId() + " " + s.name()).findFirst().orElse(policyId);
    }

    /** The amount in capitals (人民币大写), for the confirmation. */
    public String getAmountInWords() {
        return amount == null ? "" : cn.canbao.platform.entity.AmountInWords.renminbi(amount.setScale(2, java.math.RoundingMode.HALF_UP));
    }

    public void pay() {
        Person payer = requirePerson();
        try {
            Payments.Outcome outcome = payments.pay(new Payments.Submission(transactionId, payer.getIdNumber(), policyId,
                    tier, amount, channel, OffsetDateTime.now(clock)));
            showReceipt(outcome);
            Faces.info(Texts.text(outcome.created() ? "counter.paid" : "counter.paidBefore", "paid") + " "
                    + outcome.payment().getReceiptNumber());
            newTransaction();
            refresh();
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    /** An earlier payment's receipt in the dialog. */
    public void openReceipt(String tx) {
        try {
            showReceipt(payments.byTransaction(tx));
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    public StreamedContent getReceiptPdf() {
        if (receipt == null) {
            return null;
        }
        Payments.Outcome outcome = payments.byTransaction(receipt.transactionId());
        byte[] pdf = pdfReceipts.pdf(outcome);
        return DefaultStreamedContent.builder().name(outcome.payment().getReceiptNumber() + ".pdf")
                .contentType("application/pdf").stream(() -> new ByteArrayInputStream(pdf)).build();
    }

    public void recordNonEnrollment() {
        try {
            enrollments.recordNonEnrollment(requirePerson().getIdNumber(), policyId, reason, note, signed,
                    signed ? signedBy : null, signed ? signerName : null);
            Faces.info(Texts.text("counter.reasonRecorded", "recorded"));
            reason = null;
            note = null;
            signed = false;
            signedBy = "SELF";
            signerName = null;
            refresh();
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    private void showReceipt(Payments.Outcome outcome) {
        receipt = PaymentView.of(outcome);
        receiptHtml = receipts.html(outcome);
        PrimeFaces.current().executeScript("PF('receipt').show()");
    }

    private void newTransaction() {
        transactionId = "CTR-" + UUID.randomUUID();
    }

    /** The cancel link of an unpaid registration: the dialog asks why. */
    public void startCancel(String policy) {
        cancelPolicy = policy;
        cancelReason = null;
    }

    /** The dialog's button: the registration cancelled with its reason (Enrollments.cancel, audited). */
    public void cancelEnrollment() {
        try {
            enrollments.cancel(requirePerson().getIdNumber(), cancelPolicy, cancelReason);
            Faces.info(Texts.text("counter.cancel.done", "registration cancelled") + " " + cancelPolicy);
            cancelPolicy = null;
            cancelReason = null;
            refresh();
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    /** After a payment made from another panel of the page (the household's): the lists again. */
    void reload() {
        person = null;
        refresh();
    }

    private void refresh() {
        Person p = requirePerson();
        identityLines = identities.of(p).stream().map(IdentityView::of).toList();
        enrollmentLines = enrollments.of(p).stream().map(EnrollmentView::of).toList();
        nonEnrollmentLines = enrollments.nonEnrollments(p).stream().map(NonEnrollmentView::of).toList();
        List<Payment> paid = payments.of(p);
        paymentLines = paid.stream().map(x -> PaymentView.of(new Payments.Outcome(x, p, false))).toList();
        continuousYearsText = continuousYears(histories.historyOf(p).insuredYears(), java.time.LocalDate.now(clock).getYear());
    }

    /**
     * The run of consecutive insured years (DOMAIN.md §8: Canbao's paid enrollments, non-enrollments as insured
     * otherwise, the recorded history) ending with this year, or with last year while this year is not (yet) insured;
     * computed, as payments do not store the continuity assessment.
     */
    static String continuousYears(java.util.Set<Integer> insured, int thisYear) {
        return continuousYears(insured, thisYear, Texts.text("counter.continuousYears.none", "none on record"),
                Texts.text("counter.continuousYears.run", "{0} year(s), {1}–{2}"));
    }

    /** The same with the texts given: {@code none}, or {@code run} with the count, first and last year. */
    static String continuousYears(java.util.Set<Integer> insured, int thisYear, String none, String run) {
        int last = insured.contains(thisYear) ? thisYear : thisYear - 1;
        int first = last;
        while (insured.contains(first)) {
            first--;
        }
        int years = last - first;
        return years == 0 ? none : java.text.MessageFormat.format(run, String.valueOf(years), String.valueOf(first + 1),
                String.valueOf(last));
    }

    public String getContinuousYearsText() {
        return continuousYearsText;
    }

    /** The person again after the view was restored (entities are not kept across requests). */
    private Person requirePerson() {
        if (person == null) {
            person = persons.byKey(personId);
        }
        return person;
    }

    public Person getPerson() {
        return person;
    }

    /** The person, read again if the view was restored (for the household panel). */
    Person current() {
        return requirePerson();
    }

    public String getCancelPolicy() { return cancelPolicy; }
    public String getCancelReason() { return cancelReason; }
    public void setCancelReason(String cancelReason) { this.cancelReason = cancelReason; }
    public String getSignedBy() { return signedBy; }
    public void setSignedBy(String signedBy) { this.signedBy = signedBy; }
    public String getSignerName() { return signerName; }
    public void setSignerName(String signerName) { this.signerName = signerName; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }

    public String getRegionName() {
        return regionName;
    }

    public NonEnrollmentReason[] getReasons() {
        return NonEnrollmentReason.values();
    }

    public List<IdentityView> getIdentityLines() { return identityLines; }
    public List<EnrollmentView> getEnrollmentLines() { return enrollmentLines; }
    public List<PaymentView> getPaymentLines() { return paymentLines; }
    public List<NonEnrollmentView> getNonEnrollmentLines() { return nonEnrollmentLines; }
    public List<Policies.Summary> getPolicyChoices() { return policyChoices; }
    public List<Integer> getTierNumbers() { return tierNumbers; }
    public Quote getQuote() { return quote; }
    public String getQuoteRefusal() { return quoteRefusal; }
    public PaymentView getReceipt() { return receipt; }
    public String getReceiptHtml() { return receiptHtml; }

    public Long getPersonId() { return personId; }
    public void setPersonId(Long personId) { this.personId = personId; }
    public String getPolicyId() { return policyId; }
    public void setPolicyId(String policyId) { this.policyId = policyId; }
    public Integer getTier() { return tier; }
    public void setTier(Integer tier) { this.tier = tier; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public String getTransactionId() { return transactionId; }
    public void setTransactionId(String transactionId) { this.transactionId = transactionId; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public boolean isSigned() { return signed; }
    public void setSigned(boolean signed) { this.signed = signed; }
}
