package cn.canbao.web.policy;

import cn.canbao.subsidy.boundary.PersonQuotes;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.policy.entity.Tier;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code policy/quote.xhtml?id=}: what a person would pay under a policy on a date, and from when they are
 * covered, with the rule behind each figure. The same engine as the counter and the API.
 */
@Named
@ViewScoped
public class QuoteView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Policies policies;

    @Inject
    transient Clock clock;

    @Inject
    transient PersonQuotes personQuotes;

    @Inject
    transient cn.canbao.enrollment.boundary.InsuranceHistories histories;

    private String id;
    private transient List<Policies.Summary> summaries;
    private transient Policy policy;
    private List<Integer> tierNumbers = List.of();
    private transient List<CatalogueEntry> catalogue = List.of();

    private Integer tier;
    private LocalDate paymentDate;
    private ResidentType residentType = ResidentType.RESIDENT;
    private LocalDate birthDate;
    /** Optional: a person on record, whose birth date and subsidy identities then count (as in the API). */
    private String idNumber;
    /** Who the ID number belongs to, when it was used: name and masked number. */
    private String onRecord;
    private List<String> identities = new ArrayList<>();
    /** Group names as submitted: a selectMany into a List cannot know the enum type. */
    private List<String> groups = new ArrayList<>();

    private transient Quote quote;
    private String refusal;

    /** f:viewAction: the policy's tiers and catalogue for the form; today's business date as payment date. */
    public void load() {
        List<Policies.Summary> summaries = getPolicies();
        if (id == null || id.isBlank()) {
            id = summaries.isEmpty() ? null : summaries.get(0).policyId();
        }
        if (policy != null || id == null) {
            return;
        }
        try {
            policy = policies.policy(id);
        } catch (ProblemException problem) {
            refusal = Texts.refusal(problem);
            return;
        }
        tierNumbers = policy.tiers().stream().map(Tier::tier).toList();
        catalogue = policy.catalogue();
        if (tier == null && !tierNumbers.isEmpty()) {
            tier = tierNumbers.get(0);
        }
        if (paymentDate == null) {
            paymentDate = LocalDate.now(clock);
        }
    }

    /** Another policy chosen: its tiers and catalogue replace the old ones; the person's data stays. */
    public void policyChanged() {
        policy = null;
        tier = null;
        identities.clear();
        quote = null;
        refusal = null;
        load();
    }

    public void calculate() {
        quote = null;
        refusal = null;
        onRecord = null;
        try {
            // the API's request: the ID number checked and parsed the same way (INVALID_ID_NUMBER)
            QuoteRequest request = PolicyResource.toRequest(new PolicyResource.QuoteBody(tier, paymentDate,
                    residentType == null ? null : residentType.name(), birthDate, idNumber, identities, groups,
                    null, null, null));
            Optional<Person> person = personQuotes.person(request);
            if (request.idNumber() != null && person.isEmpty()) {
                refusal = Texts.text("quote.idNumberUnknown", "no person on record with this ID number in your area")
                        + "（PERSON_UNKNOWN）";
                return;
            }
            person.ifPresent(p -> onRecord = p.getName() + " " + p.maskedIdNumber() + " · " + p.getBirthDate());
            if (person.isPresent()) {
                // a person on record is quoted with their insurance history, as their payment will be
                request = histories.withHistory(policies.policy(id), person.get(), request);
            }
            quote = policies.quote(id, personQuotes.withRecord(request, person));
        } catch (ProblemException problem) {
            refusal = Texts.refusal(problem);
        }
    }

    /** The catalogue row's name for a quote's subsidy code, e.g. "101 民政城乡低保对象". */
    public String subsidyName(String code) {
        if (code == null) {
            return Texts.text("quote.noSubsidy", "none");
        }
        return catalogue.stream().filter(c -> c.code().equals(code)).findFirst()
                .map(c -> c.code() + " " + c.name()).orElse(code);
    }

    public List<Policies.Summary> getPolicies() {
        if (summaries == null) {
            summaries = policies.list().stream()
                    .sorted(Comparator.comparing(Policies.Summary::insuranceYear).reversed()
                            .thenComparing(Policies.Summary::policyId))
                    .toList();
        }
        return summaries;
    }

    public ResidentType[] getResidentTypes() {
        return ResidentType.values();
    }

    public PersonGroup[] getAllGroups() {
        return PersonGroup.values();
    }

    public String getPolicyName() {
        return policy == null ? id : policy.name();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public List<Integer> getTierNumbers() {
        return tierNumbers;
    }

    public List<CatalogueEntry> getCatalogue() {
        return catalogue;
    }

    public Integer getTier() {
        return tier;
    }

    public void setTier(Integer tier) {
        this.tier = tier;
    }

    public LocalDate getPaymentDate() {
        return paymentDate;
    }

    public void setPaymentDate(LocalDate paymentDate) {
        this.paymentDate = paymentDate;
    }

    public ResidentType getResidentType() {
        return residentType;
    }

    public void setResidentType(ResidentType residentType) {
        this.residentType = residentType;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(LocalDate birthDate) {
        this.birthDate = birthDate;
    }

    public String getIdNumber() {
        return idNumber;
    }

    public void setIdNumber(String idNumber) {
        this.idNumber = idNumber;
    }

    public String getOnRecord() {
        return onRecord;
    }

    public List<String> getIdentities() {
        return identities;
    }

    public void setIdentities(List<String> identities) {
        this.identities = identities == null ? new ArrayList<>() : new ArrayList<>(identities);
    }

    public List<String> getGroups() {
        return groups;
    }

    public void setGroups(List<String> groups) {
        this.groups = groups == null ? new ArrayList<>() : new ArrayList<>(groups);
    }

    public Quote getQuote() {
        return quote;
    }

    public String getRefusal() {
        return refusal;
    }
}
