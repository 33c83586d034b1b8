package cn.canbao.person.boundary;

import cn.canbao.person.entity.GroupSource;
import cn.canbao.person.entity.Person;
import cn.canbao.person.entity.PersonGroupRecord;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.SaneDate;
import cn.canbao.platform.entity.FreeText;
import cn.canbao.policy.entity.HeldGroup;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.QuoteRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A person's special groups with their dates and evidence (issue 14; docs/api-additions.md "Person groups"): entered at
 * the counter or by the certifying department, listed on the person page and by {@code GET /persons/{idNumber}/groups}.
 * Every path that prices a real payment — payments single and in bulk, registration, the counter, repricing, renewal,
 * the tax feed — adds the groups valid on the payment date to its quote request through {@link #withGroups} (or the
 * bulk reads), when the policy has rules for groups ({@link Policy#readsGroups()}); so the price and cover start
 * frozen into a payment are those its quote showed.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.INTEGRATION})
public class PersonGroups {

    /** One group to record, text fields as sent so that each wrong one is named. */
    public record Entry(String group, String validFrom, String validTo, String eventDate, String source, String evidence) {
    }

    /** A group on record as listed. */
    public record Line(Long id, PersonGroup group, LocalDate validFrom, LocalDate validTo, LocalDate eventDate,
                       GroupSource source, String evidence, String recordedBy, OffsetDateTime recordedAt) {

        static Line of(PersonGroupRecord g) {
            return new Line(g.getId(), g.getGroup(), g.getValidFrom(), g.getValidTo(), g.getEventDate(), g.getSource(),
                    g.getEvidence(), g.getRecordedBy(), g.getRecordedAt());
        }

        /** Whether the group holds on {@code date}. */
        public boolean validOn(LocalDate date) {
            return new HeldGroup(group, validFrom, validTo).validOn(date);
        }
    }

    /** The groups of one person. */
    public record Listed(Person person, List<Line> groups) {
    }

    /** A checked entry. */
    record Checked(HeldGroup held, LocalDate eventDate, GroupSource source, String evidence) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    Callers callers;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * The request with the person's groups valid on its payment date added, for a policy with rules for groups; the
     * request itself otherwise (no statement). The caller has checked that the person may be seen.
     */
    @PermitAll
    public QuoteRequest withGroups(Policy policy, Person person, QuoteRequest request) {
        return policy.readsGroups(person.getResidentType()) ? request.withHeldGroups(heldOf(List.of(person.getId())).getOrDefault(person.getId(), List.of()))
                : request;
    }

    /** The groups of many persons (a batch of payments): one statement per thousand persons. */
    @PermitAll
    public Map<Long, List<HeldGroup>> heldOf(Collection<Long> personIds) {
        Map<Long, List<HeldGroup>> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(new TreeSet<>(personIds));
        for (int from = 0; from < ids.size(); from += 1000) {
            em.createNamedQuery(PersonGroupRecord.OF_PERSONS, PersonGroupRecord.class)
                    .setParameter("persons", ids.subList(from, Math.min(ids.size(), from + 1000))).getResultList()
                    .forEach(g -> out.computeIfAbsent(g.getPersonId(), k -> new ArrayList<>()).add(g.held()));
        }
        return out;
    }

    /** The groups of a page of persons by plain JDBC on the chunk's connection (repricing, renewal): one statement. */
    public static Map<Long, List<HeldGroup>> held(Connection connection, List<Long> personIds) throws SQLException {
        Map<Long, List<HeldGroup>> out = new HashMap<>();
        if (personIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement select = connection.prepareStatement("select person_id, group_code, valid_from, valid_to"
                + " from canbao.person_group where person_id in (" + ChunkJdbc.placeholders(personIds.size()) + ")")) {
            ChunkJdbc.bind(select, 1, personIds);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new HeldGroup(
                            PersonGroup.valueOf(r.getString(2)), r.getObject(3, LocalDate.class), r.getObject(4, LocalDate.class)));
                }
            }
        }
        return out;
    }

    /** The groups on record of a person the caller may see, in date order. */
    public Listed list(String idNumber) {
        Person person = persons.byIdNumber(idNumber);
        return new Listed(person, em.createNamedQuery(PersonGroupRecord.OF_PERSON, PersonGroupRecord.class)
                .setParameter("person", person.getId()).getResultStream().map(Line::of).toList());
    }

    /**
     * Records a group of a person the caller may see: 400 for a wrong entry (each field named), 409 when the same group
     * is already on record for an overlapping period. Clerks record what they saw at the counter (evidence required);
     * departments record as DEPARTMENT; only district administrators enter a provincial platform's record.
     */
    @RolesAllowed({Roles.CLERK, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public Line record(String idNumber, Entry entry) {
        if (entry == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        Person person = persons.byIdNumber(idNumber);
        List<FieldError> errors = new ArrayList<>();
        boolean department = callers.isCallerInRole(Roles.DEPARTMENT);
        Checked checked = check(entry, LocalDate.now(clock), person.getBirthDate(),
                department ? GroupSource.DEPARTMENT : GroupSource.COUNTER, errors);
        if (checked != null && checked.source() == GroupSource.PROVINCIAL_IMPORT && !callers.isCallerInRole(Roles.DISTRICT_ADMIN)) {
            errors.add(new FieldError("source", "省级平台数据由区县管理员录入 / provincial records are entered by a district administrator"));
        } else if (checked != null && checked.source() == GroupSource.DEPARTMENT && !department
                && !callers.isCallerInRole(Roles.DISTRICT_ADMIN)) {
            errors.add(new FieldError("source", "柜台录入的来源为 COUNTER / an entry at the counter has source COUNTER"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "人员类别信息不完整或格式错误：" + errors.get(0).field() + " "
                    + errors.get(0).message(), "invalid person group entry: " + errors.get(0).field(), errors);
        }
        HeldGroup held = checked.held();
        Optional<PersonGroupRecord> overlapping = em.createNamedQuery(PersonGroupRecord.OF_PERSON, PersonGroupRecord.class)
                .setParameter("person", person.getId()).getResultStream()
                .filter(g -> g.getGroup() == held.group() && overlap(g.held(), held)).findFirst();
        if (overlapping.isPresent()) {
            PersonGroupRecord g = overlapping.get();
            throw new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_RECORDED",
                    person.maskedIdNumber() + " 已有" + zh(held.group()) + "记录（" + g.getValidFrom() + "至"
                            + (g.getValidTo() == null ? "今" : g.getValidTo()) + "），与所录期间重叠",
                    "group " + held.group() + " is already on record for " + person.maskedIdNumber() + " from "
                            + g.getValidFrom() + (g.getValidTo() == null ? "" : " to " + g.getValidTo()) + ", overlapping",
                    List.of(new FieldError("group", "已有记录 / already on record")));
        }
        PersonGroupRecord record = new PersonGroupRecord(person.getId(), held, checked.eventDate(), checked.source(),
                checked.evidence(), audit.currentActor(), OffsetDateTime.now(clock));
        em.persist(record);
        em.flush();
        audit.record("PERSON_GROUP_RECORDED", "person_group", String.valueOf(record.getId()), null,
                held.group() + " " + held.validFrom() + ".." + (held.validTo() == null ? "" : held.validTo()) + " " + record.getSource(),
                person.maskedIdNumber() + " " + (record.getEvidence() == null ? "" : record.getEvidence()));
        return Line.of(record);
    }

    /**
     * Checks one entry (a pure function of it, the business date and the birth date): the group, its period from
     * {@code validFrom} or else the event's date, an end not before the start, the source and the evidence; null with
     * {@code errors} added when wrong.
     */
    static Checked check(Entry entry, LocalDate today, LocalDate birthDate, GroupSource defaultSource, List<FieldError> errors) {
        int before = errors.size();
        PersonGroup group = null;
        if (entry.group() == null || entry.group().isBlank()) {
            errors.add(new FieldError("group", "必填，应为 " + Arrays.toString(PersonGroup.values()) + " / required"));
        } else {
            try {
                group = PersonGroup.valueOf(entry.group().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("group", "未知的人员类别，应为 " + Arrays.toString(PersonGroup.values())
                        + " / unknown group, must be one of these"));
            }
        }
        GroupSource source = defaultSource;
        if (entry.source() != null && !entry.source().isBlank()) {
            try {
                source = GroupSource.valueOf(entry.source().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("source", "应为 COUNTER | DEPARTMENT | PROVINCIAL_IMPORT / must be one of these"));
            }
        }
        String evidence = entry.evidence() == null || entry.evidence().isBlank() ? null : entry.evidence().trim();
        Optional<String> badEvidence = FreeText.refusal(evidence, 200, source == GroupSource.COUNTER);
        badEvidence.ifPresent(m -> errors.add(new FieldError("evidence",
                evidence == null ? "柜台录入须注明依据（证明材料） / the evidence shown at the counter is required" : m)));
        LocalDate eventDate = date(entry.eventDate(), "eventDate", errors);
        LocalDate from = date(entry.validFrom(), "validFrom", errors);
        LocalDate to = date(entry.validTo(), "validTo", errors);
        if (eventDate != null && eventDate.isAfter(today)) {
            errors.add(new FieldError("eventDate", eventDate + " 尚未到来 / " + eventDate + " lies in the future (today is " + today + ")"));
        }
        if (from == null) {
            from = eventDate;
        }
        if (from == null && blank(entry.validFrom()) && blank(entry.eventDate())) {
            errors.add(new FieldError("validFrom", "须填写起始日期或事件日期 / validFrom or eventDate is required"));
        }
        if (from != null && birthDate != null && from.isBefore(birthDate)) {
            errors.add(new FieldError(blank(entry.validFrom()) ? "eventDate" : "validFrom",
                    from + " 早于出生日期 / " + from + " lies before the birth date"));
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("validTo", to + " 早于起始日期 " + from + " / " + to + " lies before validFrom " + from));
        }
        return errors.size() > before ? null : new Checked(new HeldGroup(group, from, to), eventDate, source, evidence);
    }

    /** Chinese name of a group, for messages. */
    public static String zh(PersonGroup group) {
        return switch (group) {
            case GRADUATE -> "毕业生";
            case VETERAN -> "退役军人";
            case RELEASED_PRISONER -> "刑满释放人员";
            case NEWLY_CERTIFIED_POOR -> "新增困难群众";
            case FRESHMAN -> "大学新生";
            case ACADEMIC_YEAR_INSURED -> "已参加上一学年度居民医保的在校大学生";
        };
    }

    private static boolean overlap(HeldGroup a, HeldGroup b) {
        return (a.validTo() == null || !a.validTo().isBefore(b.validFrom()))
                && (b.validTo() == null || !b.validTo().isBefore(a.validFrom()));
    }

    private static LocalDate date(String text, String field, List<FieldError> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            return SaneDate.Parse.date(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "日期格式应为 yyyy-MM-dd：" + text + " / not a date yyyy-MM-dd: " + text));
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
