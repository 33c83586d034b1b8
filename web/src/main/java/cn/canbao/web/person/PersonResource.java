package cn.canbao.web.person;

import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.enrollment.boundary.CollegeTransitionCovers;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.boundary.InsuranceHistories;
import cn.canbao.enrollment.boundary.NewbornCovers;
import cn.canbao.person.boundary.PersonGroups;
import jakarta.validation.constraints.Size;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** {@code /api/v1/persons}: residents registered at the counter (../shared/spec/API.md, Persons). */
@Path("persons")
@Produces(MediaType.APPLICATION_JSON)
// least privilege: supervisors and operators do not look persons up
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.INTEGRATION})
public class PersonResource {

    @Inject
    Persons persons;

    @Inject
    PersonRecords records;

    @Inject
    SubsidyIdentities identities;

    @Inject
    Enrollments enrollments;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Valid Persons.Registration body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        Person person = persons.register(body);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(person.getIdNumber()).build())
                .entity(records.of(person)).build();
    }

    @POST
    @Path("{idNumber}/identities")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public Response recordIdentity(@PathParam("idNumber") String idNumber, @Valid SubsidyIdentities.ManualEntry body) {
        return Response.status(Response.Status.CREATED)
                .entity(IdentityView.of(identities.recordManually(idNumber, body))).build();
    }

    /** Why the resident does not enroll this year (API addition). */
    public record NonEnrollmentBody(@FitsColumn("policy.policy_id") String policyId,
                                    @FitsColumn("non_enrollment.reason") String reason,
                                    @FitsColumn(value = "non_enrollment.note", lines = true) String note, Boolean signed,
                                    String signedBy, String signerName) {
    }

    @POST
    @Path("{idNumber}/non-enrollments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Response recordNonEnrollment(@PathParam("idNumber") String idNumber, @Valid NonEnrollmentBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return Response.status(Response.Status.CREATED).entity(NonEnrollmentView.of(
                enrollments.recordNonEnrollment(idNumber, body.policyId(), body.reason(), body.note(), body.signed(),
                        body.signedBy(), body.signerName()))).build();
    }

    /**
     * A year with basic medical insurance outside Canbao's records, or a life event, as entered (docs/api-additions.md,
     * "Insurance history"): {@code year} or {@code eventType} + {@code eventDate}; {@code source} COUNTER (default) or
     * PROVINCIAL_IMPORT; {@code evidence} required at the counter.
     */
    public record HistoryEntryBody(Integer year, @Size(max = 40) String eventType, @Size(max = 20) String eventDate,
                                   @Size(max = 30) String source, @FitsColumn("insurance_history_year.evidence") String evidence) {
    }

    /** {@code GET /persons/{idNumber}/insurance-history}: every year with insurance Canbao knows and where from, and the events. */
    @GET
    @Path("{idNumber}/insurance-history")
    public HistoryView insuranceHistory(@PathParam("idNumber") String idNumber) {
        return HistoryView.of(histories.history(idNumber));
    }

    /** {@code POST /persons/{idNumber}/insurance-history}: records one year or one event (201), 409 when already known. */
    @POST
    @Path("{idNumber}/insurance-history")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public Response recordInsuranceHistory(@PathParam("idNumber") String idNumber, @Valid HistoryEntryBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        InsuranceHistories.Recorded recorded = histories.record(idNumber, new InsuranceHistories.Entry(body.year(),
                body.eventType(), body.eventDate(), body.source(), body.evidence()));
        return Response.status(Response.Status.CREATED).entity(recorded.year() != null
                ? HistoryView.YearView.of(recorded.year()) : HistoryView.EventView.of(recorded.event())).build();
    }

    @Inject
    InsuranceHistories histories;

    /**
     * A group the person belongs to (docs/api-additions.md, "Person groups"): {@code group}, {@code validFrom} (or
     * {@code eventDate}, which then starts it), {@code validTo} (optional), {@code source} (COUNTER by default, a
     * department's own DEPARTMENT), {@code evidence} (required at the counter).
     */
    public record GroupEntryBody(@Size(max = 40) String group, @Size(max = 20) String validFrom, @Size(max = 20) String validTo,
                                 @Size(max = 20) String eventDate, @Size(max = 30) String source,
                                 @FitsColumn("person_group.evidence") String evidence) {
    }

    /** {@code GET /persons/{idNumber}/groups}: the person's groups on record with their dates and evidence. */
    @GET
    @Path("{idNumber}/groups")
    public GroupView.Listed groups(@PathParam("idNumber") String idNumber) {
        return GroupView.Listed.of(groups.list(idNumber));
    }

    /** {@code POST /persons/{idNumber}/groups}: records one group (201), 409 when it overlaps one on record. */
    @POST
    @Path("{idNumber}/groups")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public Response recordGroup(@PathParam("idNumber") String idNumber, @Valid GroupEntryBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return Response.status(Response.Status.CREATED).entity(GroupView.of(groups.record(idNumber, new PersonGroups.Entry(
                body.group(), body.validFrom(), body.validTo(), body.eventDate(), body.source(), body.evidence())))).build();
    }

    /** {@code POST /persons/{idNumber}/newborn-cover} {@code {policyId}}: body of the newborn's automatic cover. */
    public record NewbornCoverBody(@FitsColumn("policy.policy_id") String policyId) {
    }

    /**
     * A newborn covered through its insured guardian (seed 002, decision 49): 201 with the enrollment when applied now,
     * 200 when applied before.
     */
    @POST
    @Path("{idNumber}/newborn-cover")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Response coverNewborn(@PathParam("idNumber") String idNumber, @Valid NewbornCoverBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        NewbornCovers.Covered covered = newbornCovers.cover(idNumber, body.policyId());
        return Response.status(covered.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(new NewbornCoverView(covered.person().getIdNumber(), covered.enrollment().getPolicyId(),
                        covered.enrollment().getTier(), covered.enrollment().getStatus().name(),
                        covered.enrollment().getAmountDue(), covered.enrollment().getBenefitStart(),
                        covered.enrollment().getBenefitEnd(), covered.guardian().maskedIdNumber(), covered.cover().getReason()))
                .build();
    }

    /** The answer of {@code POST /persons/{idNumber}/newborn-cover}. */
    public record NewbornCoverView(String idNumber, String policyId, int tier, String status, java.math.BigDecimal amountDue,
                                   java.time.LocalDate benefitStart, java.time.LocalDate benefitEnd, String guardian,
                                   String reason) {
    }

    /** {@code POST /persons/{idNumber}/college-transition-cover} {@code {policyId, tier?}}. */
    public record TransitionCoverBody(@FitsColumn("policy.policy_id") String policyId, Integer tier) {
    }

    /**
     * A college student's transition cover (seeds 000, 002, decision 52): insured for the academic year of the move to
     * the natural year, covered until the insurance year's end without paying. 201 with the enrollment when recorded
     * now, 200 when recorded before.
     */
    @POST
    @Path("{idNumber}/college-transition-cover")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Response coverTransition(@PathParam("idNumber") String idNumber, @Valid TransitionCoverBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        CollegeTransitionCovers.Covered covered = transitionCovers.cover(idNumber, body.policyId(), body.tier());
        return Response.status(covered.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(new TransitionCoverView(covered.enrollment().getId(), covered.person().getIdNumber(), covered.enrollment().getPolicyId(),
                        covered.enrollment().getTier(), covered.enrollment().getStatus().name(),
                        covered.enrollment().getAmountDue(), covered.enrollment().getBenefitStart(),
                        covered.enrollment().getBenefitEnd(), covered.cover().getReason()))
                .build();
    }

    /** The answer of {@code POST /persons/{idNumber}/college-transition-cover}. */
    public record TransitionCoverView(long enrollmentId, String idNumber, String policyId, int tier, String status,
                                      java.math.BigDecimal amountDue, java.time.LocalDate benefitStart,
                                      java.time.LocalDate benefitEnd, String reason) {
    }

    @Inject
    CollegeTransitionCovers transitionCovers;

    @Inject
    PersonGroups groups;

    @Inject
    NewbornCovers newbornCovers;

    @Inject
    NonEnrollmentForms forms;

    @Inject
    cn.canbao.policy.boundary.Policies policies;

    @Inject
    cn.canbao.region.boundary.Regions regions;

    /** {@code GET /persons/{idNumber}/non-enrollments/{id}/form.pdf}: the form to sign for a recorded reason (PDF). */
    @GET
    @Path("{idNumber}/non-enrollments/{id}/form.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Response nonEnrollmentForm(@PathParam("idNumber") String idNumber, @PathParam("id") String id) {
        Person person = persons.byIdNumber(idNumber);
        var found = enrollments.nonEnrollments(person).stream().filter(n -> String.valueOf(n.getId()).equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("NON_ENROLLMENT_UNKNOWN", "该参保人没有这条未参保原因",
                        "the person has no such non-enrollment reason"));
        String policyName = policies.list().stream().filter(s -> s.policyId().equals(found.getPolicyId()))
                .map(s -> s.policyId() + " " + s.name()).findFirst().orElse(found.getPolicyId());
        String regionName = regions.find(person.getHouseholdRegionCode()).map(r -> r.getName()).orElse(person.getHouseholdRegionCode());
        byte[] pdf = forms.pdf(person, found, policyName, regionName);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"non-enrollment-" + found.getId() + ".pdf\"").build();
    }

    @GET
    @Path("{idNumber}")
    public PersonView get(@PathParam("idNumber") String idNumber) {
        return records.of(persons.byIdNumber(idNumber));
    }
}
