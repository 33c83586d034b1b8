package cn.canbao.web.policy;

import cn.canbao.web.platform.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import cn.canbao.platform.boundary.SaneDate;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.subsidy.boundary.PersonQuotes;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Policy;
import cn.canbao.enrollment.boundary.InsuranceHistories;
import cn.canbao.person.entity.Person;
import java.util.Optional;
import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.campaign.boundary.VillageResults;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import cn.canbao.enrollment.boundary.AmountChanges;
import cn.canbao.enrollment.entity.AmountChange;
import cn.canbao.platform.boundary.BusinessClock;
import jakarta.ws.rs.Consumes;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /api/v1/policies}: the campaign policies as data (../shared/spec/API.md, Policies and Quote). Validation of the body
 * happens here; the rules live in the policy component.
 */
@Path("policies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class PolicyResource {

    /**
     * The body of a quote request (../shared/spec/API.md, Quote and "Continuous enrollment in quotes"). {@code repairedYears}
     * (missed years paid for afterwards, 缴费修复) is this project's compatible addition.
     */
    public record QuoteBody(Integer tier, @SaneDate LocalDate paymentDate, @FitsColumn("person.resident_type") String residentType,
                            @SaneDate LocalDate birthDate, @FitsColumn("person.id_number") String idNumber,
                            @Size(max = 50, message = "至多 {max} 项 / at most {max} entries") List<String> identities,
                            @Size(max = 50, message = "至多 {max} 项 / at most {max} entries") List<String> groups,
                            @Size(max = 100, message = "至多 {max} 项 / at most {max} entries") List<Integer> insuredYears,
                            @Size(max = 100, message = "至多 {max} 项 / at most {max} entries") List<Integer> repairedYears,
                            @Size(max = 20, message = "至多 {max} 项 / at most {max} entries") List<@Valid EventBody> events) {
    }

    /** An event of a quote request: type and date as text, so that a wrong one is named field by field. */
    public record EventBody(@Size(max = 40) String type, @Size(max = 20) String date) {
    }

    /** The quote answer of a policy without continuity rule: exactly the fields API.md has always listed. */
    public record QuoteAnswer(String policyId, int tier, BigDecimal standardAmount, String subsidyCode,
                              BigDecimal subsidyAmount, BigDecimal fiscalShareAmount, BigDecimal personalAmount,
                              LocalDate benefitStart, LocalDate benefitEnd, String window, List<String> explanation) {
    }

    /** The quote answer of a policy with a continuity rule: the same fields plus continuousYears and waiting. */
    public record ContinuityQuoteAnswer(String policyId, int tier, BigDecimal standardAmount, String subsidyCode,
                                        BigDecimal subsidyAmount, BigDecimal fiscalShareAmount, BigDecimal personalAmount,
                                        LocalDate benefitStart, LocalDate benefitEnd, String window,
                                        List<String> explanation, int continuousYears, Waiting waiting) {
    }

    /** {@code waiting: {fixedMonths, variableMonths}} of API.md. */
    public record Waiting(int fixedMonths, int variableMonths) {
    }

    @Inject
    VillageResults villageResults;

    @Inject
    Policies policies;

    @Inject
    AmountChanges amountChanges;

    @Inject
    PersonQuotes personQuotes;

    @Inject
    Clock clock;

    @Inject
    InsuranceHistories histories;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uriInfo;

    @GET
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(policies.list());
    }

    @GET
    @Path("{policyId}")
    public Response get(@PathParam("policyId") String policyId) {
        return Response.ok(policies.document(policyId), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
    }

    @PUT
    @Path("{policyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Response put(@PathParam("policyId") String policyId, @QueryParam("note") String note, String document) {
        if (document == null || document.isBlank()) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空，请提交政策文档", "empty body: send the policy document",
                    List.of());
        }
        Policies.Saved saved = policies.put(policyId, document, note);
        // docs/api-additions.md "Policy versions": the version this save appended, and the lint's warnings counted
        // here and listed at the linked resource (the body stays the document, as API.md has it)
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(policies.document(policyId))
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(VERSION_HEADER, saved.version())
                .header(WARNINGS_HEADER, saved.warnings().size())
                .link(uriInfo.getBaseUriBuilder().path("policies").path("{id}").path("lint").build(policyId), "lint")
                .build();
    }

    /** The version a PUT appended. */
    public static final String VERSION_HEADER = "Policy-Version";
    /** How many lint warnings the saved (or drafted) policy has. */
    public static final String WARNINGS_HEADER = "Policy-Warnings";

    /** The saved versions of a policy, newest first: {@code [{version, savedBy, savedAt, note}]}, paged. */
    @GET
    @Path("{policyId}/versions")
    public Response versions(@PathParam("policyId") String policyId, @QueryParam("page") String page,
                             @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        Policies.VersionPage versions = policies.versions(policyId, paging.offset(), paging.size());
        return Paging.answer(versions.versions(), versions.total());
    }

    /** One saved version's document, exactly as stored. */
    @GET
    @Path("{policyId}/versions/{version}")
    public Response version(@PathParam("policyId") String policyId, @PathParam("version") String version) {
        int number = versionNumber(version);
        if (number < 1) {
            policies.document(policyId); // an unknown policy is POLICY_UNKNOWN before a bad version
            throw ProblemException.notFound("POLICY_VERSION_UNKNOWN", "政策 " + policyId + " 没有版本 " + version,
                    "policy " + policyId + " has no version " + version);
        }
        return Response.ok(policies.versionDocument(policyId, number), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(VERSION_HEADER, number).build();
    }

    /** A version number of a path: a whole number from 1, else 0 (no such version). */
    private static int versionNumber(String text) {
        if (text == null || !text.strip().matches("\\d{1,9}")) {
            return 0;
        }
        return Integer.parseInt(text.strip());
    }

    /** Next year's policy drafted from this one (dates + 1 year, amounts kept), not stored: the district edits and PUTs it. */
    @GET
    @Path("{policyId}/next-year-draft")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Response nextYearDraft(@PathParam("policyId") String policyId, @QueryParam("year") String year) {
        Integer target = year == null || year.isBlank() ? null : Paging.number("year", year, 0, SaneDate.FIRST_YEAR, 9999);
        Policies.Draft draft = policies.nextYearDraft(policyId, target);
        return Response.ok(draft.document(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(WARNINGS_HEADER, draft.warnings().size())
                .header("Policy-Exists", draft.exists())
                .build();
    }

    /**
     * What changed from {@code against} (default: this policy) version {@code againstVersion} to this policy's
     * {@code version} (default: the newest; againstVersion default: the one before it, or another policy's newest);
     * {@code aligned=true} first moves the older one by the difference of the years.
     */
    @GET
    @Path("{policyId}/diff")
    public Policies.Comparison diff(@PathParam("policyId") String policyId, @QueryParam("against") String against,
                                    @QueryParam("version") String version, @QueryParam("againstVersion") String againstVersion,
                                    @QueryParam("aligned") String aligned) {
        if (against != null && against.length() > 20) {
            throw ProblemException.notFound("POLICY_UNKNOWN", "未知的政策编号 " + against.substring(0, 20) + "…",
                    "unknown policy " + against.substring(0, 20) + "…");
        }
        return policies.compare(policyId, optionalNumber("version", version), against,
                optionalNumber("againstVersion", againstVersion), flag("aligned", aligned));
    }

    /** The load-time warnings of the policy's current version: {@code {policyId, version, warnings: [{rule, where, messageZh, messageEn}]}}. */
    @GET
    @Path("{policyId}/lint")
    public Policies.Lint lint(@PathParam("policyId") String policyId) {
        return policies.lint(policyId);
    }

    private static Integer optionalNumber(String name, String text) {
        return text == null || text.isBlank() ? null : Paging.number(name, text, 0, 1, 999_999_999);
    }

    private static boolean flag(String name, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest("INVALID_INPUT", name + " 须为 true 或 false",
                    name + " must be true or false", List.of(new FieldError(name, "true | false")));
        };
    }

    @POST
    @Path("{policyId}/quotes")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the quote; continuousYears and waiting only under a continuity rule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {QuoteAnswer.class, ContinuityQuoteAnswer.class})))
    public Object quote(@PathParam("policyId") String policyId, @Valid QuoteBody body) {
        // ../shared/spec/API.md: with an ID number, the identities on record count too (the bare codes of the body are added)
        QuoteRequest request = toRequest(body, LocalDate.now(clock));
        Policy policy = policies.policy(policyId);
        if (InsuranceHistories.readsRecord(policy)) {
            // API.md: the insured years on record (and the recorded events) and the groups on record valid on the
            // payment date are added to the request's own, as a payment's quote adds them
            Optional<Person> person = personQuotes.person(request);
            if (person.isPresent()) {
                request = histories.withHistory(policy, person.get(), request);
            }
        }
        return answer(personQuotes.quote(policyId, request));
    }

    /** The answer's shape: continuousYears and waiting only when the policy has a continuity rule (a compatible change). */
    static Object answer(Quote q) {
        if (q.waiting() == null) {
            return new QuoteAnswer(q.policyId(), q.tier(), q.standardAmount(), q.subsidyCode(), q.subsidyAmount(),
                    q.fiscalShareAmount(), q.personalAmount(), q.benefitStart(), q.benefitEnd(), q.window(), q.explanation());
        }
        return new ContinuityQuoteAnswer(q.policyId(), q.tier(), q.standardAmount(), q.subsidyCode(), q.subsidyAmount(),
                q.fiscalShareAmount(), q.personalAmount(), q.benefitStart(), q.benefitEnd(), q.window(), q.explanation(),
                q.continuousYears(), new Waiting(q.waiting().fixedMonths(), q.waiting().variableMonths()));
    }

    /** A line of the change list of amounts due, as the tax side reads it. */
    public record AmountChangeLine(long id, String idNumber, String name, long enrollmentId, String policyId,
                                   String regionCode, int tier, LocalDate asOf, String reason, BigDecimal oldAmount,
                                   BigDecimal newAmount, OffsetDateTime changedAt, Long jobExecutionId) {
    }

    /**
     * The change list (应缴金额变更清单): unpaid enrollments whose amount due a batch job changed at or after
     * {@code since} (a date = its start in China time, or a date-time with offset), paged by {@code afterId}.
     */
    @GET
    @Path("{policyId}/amount-changes")
    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.OPERATOR, Roles.SUPERVISOR})
    public List<AmountChangeLine> amountChanges(@PathParam("policyId") String policyId, @QueryParam("since") String since,
                                                @QueryParam("afterId") @DefaultValue("0") long afterId,
                                                @QueryParam("limit") String limitText) {
        int limit = Paging.number("limit", limitText, 1000, 1, 1000);
        OffsetDateTime from;
        try {
            from = since == null || since.isBlank() ? OffsetDateTime.parse("2000-01-01T00:00:00+08:00")
                    : since.trim().length() == 10 ? cn.canbao.platform.boundary.SaneDate.Parse.date(since.trim()).atStartOfDay(BusinessClock.CHINA).toOffsetDateTime()
                    : cn.canbao.platform.boundary.SaneDate.Parse.instant(since.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("INVALID_INPUT", "since 须为日期或带时区的时间", "since must be a date or a date-time with offset",
                    List.of(new FieldError("since", "yyyy-MM-dd | yyyy-MM-ddTHH:mm:ss+08:00")));
        }
        return amountChanges.since(policyId, from, afterId, limit).stream().map(line -> {
            AmountChange c = line.change();
            return new AmountChangeLine(c.getId(), line.person().getIdNumber(), line.person().getName(), c.getEnrollmentId(),
                    c.getPolicyId(), c.getRegionCode(), c.getTier(), c.getAsOf(), c.getReason().name(), c.getOldAmount(),
                    c.getNewAmount(), c.getChangedAt(), c.getJobExecutionId());
        }).toList();
    }

    /** Each village's result frozen by campaign-deadline-rollover on {@code asOf} (default: the latest frozen). */
    @GET
    @Path("{policyId}/village-results")
    @RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR})
    public Response villageResults(@PathParam("policyId") String policyId, @QueryParam("asOf") String asOf,
                                   @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(villageResults.results(policyId, date(asOf)));
    }

    /** The unpaid list frozen with the village results, for the villages at or below {@code regionCode}. */
    @GET
    @Path("{policyId}/unpaid-list")
    @RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR})
    public Response unpaidList(@PathParam("policyId") String policyId, @QueryParam("asOf") String asOf,
                               @QueryParam("regionCode") String regionCode, @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(villageResults.unpaid(policyId, date(asOf), regionCode == null || regionCode.isBlank() ? null : regionCode.trim()));
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return cn.canbao.platform.boundary.SaneDate.Parse.date(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("INVALID_INPUT", "asOf 须为日期", "asOf must be a date",
                    List.of(new FieldError("asOf", "yyyy-MM-dd")));
        }
    }

    /** The request of the screens' calculator, which asks for no insurance history. */
    static QuoteRequest toRequest(QuoteBody body) {
        return toRequest(body, null);
    }

    /** @param today the business date: insured years after its year and events after it are refused (null: not checked) */
    static QuoteRequest toRequest(QuoteBody body, LocalDate today) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        if (body.tier() == null) {
            errors.add(new FieldError("tier", "必填 / required"));
        }
        ResidentType residentType = ResidentType.RESIDENT;
        if (body.residentType() != null) {
            try {
                residentType = ResidentType.valueOf(body.residentType().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("residentType", "应为 RESIDENT | PUPIL | COLLEGE_STUDENT | NEWBORN / must be one of these"));
            }
        }
        Set<PersonGroup> groups = EnumSet.noneOf(PersonGroup.class);
        for (String group : body.groups() == null ? List.<String>of() : body.groups()) {
            try {
                groups.add(PersonGroup.valueOf(String.valueOf(group).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("groups", "未知的人员类别 " + group + " / unknown group " + group));
            }
        }
        IdNumber idNumber = null;
        if (body.idNumber() != null && !body.idNumber().isBlank()) {
            try {
                idNumber = IdNumber.of(body.idNumber());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "INVALID_ID_NUMBER", e.getMessage(),
                        "invalid ID number", List.of(new FieldError("idNumber", e.getMessage())));
            }
        }
        Set<Integer> insuredYears = years("insuredYears", body.insuredYears(), today, errors);
        Set<Integer> repairedYears = years("repairedYears", body.repairedYears(), today, errors);
        List<LifeEvent> events = events(body.events(), today, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "报价请求不完整或格式错误：" + errors.get(0).field() + " "
                    + errors.get(0).message(), "invalid quote request: " + errors.get(0).field(), errors);
        }
        List<HeldIdentity> identities = body.identities() == null ? List.of()
                : body.identities().stream().filter(c -> c != null && !c.isBlank()).map(c -> HeldIdentity.bare(c.trim())).toList();
        return new QuoteRequest(body.tier(), body.paymentDate(), residentType, body.birthDate(), idNumber, identities, groups,
                insuredYears, repairedYears, events);
    }

    private static Set<Integer> years(String field, List<Integer> years, LocalDate today, List<FieldError> errors) {
        Set<Integer> out = new java.util.TreeSet<>();
        if (years == null) {
            return out;
        }
        for (int i = 0; i < years.size(); i++) {
            Integer year = years.get(i);
            String at = field + "[" + i + "]";
            if (year == null || year < SaneDate.FIRST_YEAR) {
                errors.add(new FieldError(at, "须为参保年度，如 2024 / must be a year such as 2024"));
            } else if (today != null && year > today.getYear()) {
                errors.add(new FieldError(at, year + " 年尚未到来 / " + year + " lies in the future (today is " + today + ")"));
            } else {
                out.add(year);
            }
        }
        return out;
    }

    private static List<LifeEvent> events(List<EventBody> events, LocalDate today, List<FieldError> errors) {
        List<LifeEvent> out = new ArrayList<>();
        if (events == null) {
            return out;
        }
        for (int i = 0; i < events.size(); i++) {
            EventBody e = events.get(i);
            String at = "events[" + i + "]";
            if (e == null) {
                errors.add(new FieldError(at, "须为 {type, date} / must be {type, date}"));
                continue;
            }
            LifeEvent.Type type = null;
            try {
                type = LifeEvent.Type.valueOf(String.valueOf(e.type()).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(new FieldError(at + ".type", "未知的事件类型 " + e.type() + "，应为 "
                        + EnumSet.allOf(LifeEvent.Type.class) + " / unknown event type " + e.type()));
            }
            LocalDate date = null;
            if (e.date() == null || e.date().isBlank()) {
                errors.add(new FieldError(at + ".date", "必填，格式 yyyy-MM-dd / required, yyyy-MM-dd"));
            } else {
                try {
                    date = SaneDate.Parse.date(e.date().trim());
                    if (today != null && date.isAfter(today)) {
                        errors.add(new FieldError(at + ".date", date + " 尚未到来 / " + date + " lies in the future (today is " + today + ")"));
                        date = null;
                    }
                } catch (DateTimeParseException malformed) {
                    errors.add(new FieldError(at + ".date", "日期格式应为 yyyy-MM-dd：" + e.date() + " / not a date yyyy-MM-dd: " + e.date()));
                }
            }
            if (type != null && date != null) {
                out.add(new LifeEvent(type, date));
            }
        }
        return out;
    }
}
