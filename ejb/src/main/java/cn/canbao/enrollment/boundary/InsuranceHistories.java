package cn.canbao.enrollment.boundary;

import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.HistorySource;
import cn.canbao.enrollment.entity.InsuranceHistory;
import cn.canbao.enrollment.entity.InsuredYearRecord;
import cn.canbao.enrollment.entity.LifeEventRecord;
import cn.canbao.enrollment.entity.NonEnrollment;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.person.boundary.PersonGroups;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.SaneDate;
import cn.canbao.platform.boundary.SpreadsheetTable;
import cn.canbao.platform.entity.FreeText;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.entity.LifeEvent;
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
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person's insurance history for continuous enrollment (DOMAIN.md §8, docs/api-additions.md "Insurance history"):
 * the years with basic medical insurance Canbao knows — its own paid enrollments and non-enrollments as
 * employee-insured or insured elsewhere, read where they are, never copied — plus the years and life events
 * recorded from the provincial platform (file import) or at the counter with evidence. Every path that prices a real
 * payment adds it to its quote request through {@link #withHistory} (or the bulk reads), so that a payment is
 * priced and its cover start frozen exactly as the quote said; it is read only for a policy with a continuity or
 * incentive rule.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.INTEGRATION})
public class InsuranceHistories {

    /** Rows of an import file at most (a district's provincial extract is sent in parts). */
    public static final int MAX_ROWS = 10_000;

    /** The reasons for not enrolling that mean the person was insured that year. */
    static final Set<NonEnrollmentReason> INSURED_REASONS = EnumSet.of(NonEnrollmentReason.EMPLOYEE_INSURANCE,
            NonEnrollmentReason.INSURED_ELSEWHERE);

    /** Where a year of the history comes from, as the history lists it. */
    public enum YearSource { CANBAO_ENROLLMENT, CANBAO_NON_ENROLLMENT, PROVINCIAL_IMPORT, COUNTER }

    /** A year with insurance and where Canbao knows it from (recordedBy/At only for recorded years). */
    public record YearLine(int year, YearSource source, String evidence, String recordedBy, OffsetDateTime recordedAt) {
    }

    /** A recorded life event. */
    public record EventLine(LifeEvent.Type type, LocalDate date, HistorySource source, String evidence, String recordedBy,
                            OffsetDateTime recordedAt) {
    }

    /** The history of one person as {@code GET /persons/{idNumber}/insurance-history} answers it. */
    public record History(Person person, List<YearLine> years, List<EventLine> events) {
    }

    /**
     * One entry to record: a year ({@code year}) or an event ({@code eventType} and {@code eventDate}), its source
     * (default COUNTER) and evidence (required at the counter). Text fields as sent, so that each wrong one is named.
     */
    public record Entry(Integer year, String eventType, String eventDate, String source, String evidence) {
    }

    /** What an entry recorded: the year or the event. */
    public record Recorded(YearLine year, EventLine event) {
    }

    /** What an import did: rows read, years and events added, rows already on record (skipped). */
    public record Imported(int read, int yearsAdded, int eventsAdded, int alreadyRecorded) {
    }

    /** A checked entry: exactly one of year and event. */
    record Checked(Integer year, LifeEvent event, HistorySource source, String evidence) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    PersonGroups groups;

    @Inject
    Callers callers;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Whether quotes of the policy read the history at all (a continuity or an incentive rule). */
    public static boolean needsHistory(Policy policy) {
        return policy.continuity() != null || policy.incentive() != null;
    }

    /**
     * The request with what the person's record adds beyond identities: the insurance history, for a policy that
     * reads it, and the person's groups valid on the payment date, for a policy with rules for groups
     * ({@code PersonGroups.withGroups}); the request itself otherwise (no statement). The caller has checked that
     * the person may be seen.
     */
    @PermitAll
    public QuoteRequest withHistory(Policy policy, Person person, QuoteRequest request) {
        QuoteRequest withGroups = groups.withGroups(policy, person, request);
        return needsHistory(policy) ? historyOf(person).addTo(withGroups) : withGroups;
    }

    /** Whether a quote of the policy for a person on record reads anything beyond the identities. */
    public static boolean readsRecord(Policy policy) {
        return needsHistory(policy) || policy.readsGroups();
    }

    /** The person's history for quotes: four primary-key-prefixed reads. The caller has checked visibility. */
    @PermitAll
    public InsuranceHistory historyOf(Person person) {
        return historiesOf(List.of(person.getId())).getOrDefault(person.getId(), InsuranceHistory.NONE);
    }

    /** The histories of many persons (a batch of payments) in four statements per thousand persons. */
    @PermitAll
    public Map<Long, InsuranceHistory> historiesOf(Collection<Long> personIds) {
        Map<Long, Set<Integer>> years = new HashMap<>();
        Map<Long, List<LifeEvent>> events = new HashMap<>();
        List<Long> ids = new ArrayList<>(new TreeSet<>(personIds));
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            em.createQuery("select e.personId, e.insuranceYear from Enrollment e where e.personId in :persons"
                            + " and e.status = :paid", Object[].class).setParameter("persons", part)
                    .setParameter("paid", EnrollmentStatus.PAID).getResultList()
                    .forEach(r -> years.computeIfAbsent((Long) r[0], k -> new TreeSet<>()).add((Integer) r[1]));
            em.createQuery("select n.personId, n.insuranceYear from NonEnrollment n where n.personId in :persons"
                            + " and n.reason in :reasons", Object[].class).setParameter("persons", part)
                    .setParameter("reasons", INSURED_REASONS).getResultList()
                    .forEach(r -> years.computeIfAbsent((Long) r[0], k -> new TreeSet<>()).add((Integer) r[1]));
            em.createNamedQuery(InsuredYearRecord.OF_PERSONS, Object[].class).setParameter("persons", part).getResultList()
                    .forEach(r -> years.computeIfAbsent((Long) r[0], k -> new TreeSet<>()).add((Integer) r[1]));
            em.createNamedQuery(LifeEventRecord.OF_PERSONS, LifeEventRecord.class).setParameter("persons", part)
                    .getResultList().forEach(e -> events.computeIfAbsent(e.getPersonId(), k -> new ArrayList<>()).add(e.event()));
        }
        Map<Long, InsuranceHistory> out = new HashMap<>();
        Set<Long> any = new HashSet<>(years.keySet());
        any.addAll(events.keySet());
        any.forEach(id -> out.put(id, new InsuranceHistory(years.get(id), events.get(id))));
        return out;
    }

    /**
     * The histories of a page of persons read by plain JDBC on the chunk's connection (repricing and renewal jobs,
     * see {@code QuotedPerson}): four statements per page.
     */
    public static Map<Long, InsuranceHistory> histories(Connection connection, List<Long> personIds) throws SQLException {
        Map<Long, InsuranceHistory> out = new HashMap<>();
        if (personIds.isEmpty()) {
            return out;
        }
        Map<Long, Set<Integer>> years = new HashMap<>();
        Map<Long, List<LifeEvent>> events = new HashMap<>();
        String in = " in (" + ChunkJdbc.placeholders(personIds.size()) + ")";
        List<String> reasons = INSURED_REASONS.stream().map(Enum::name).toList();
        for (String sql : List.of(
                "select person_id, insurance_year from canbao.enrollment where status = 'PAID' and person_id" + in,
                "select person_id, insurance_year from canbao.non_enrollment where reason in ("
                        + ChunkJdbc.placeholders(reasons.size()) + ") and person_id" + in,
                "select person_id, insurance_year from canbao.insurance_history_year where person_id" + in)) {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int next = sql.contains("reason in") ? ChunkJdbc.bind(select, 1, reasons) : 1;
                ChunkJdbc.bind(select, next, personIds);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        years.computeIfAbsent(r.getLong(1), k -> new TreeSet<>()).add(r.getInt(2));
                    }
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("select person_id, event_type, event_date"
                + " from canbao.insurance_history_event where person_id" + in)) {
            ChunkJdbc.bind(select, 1, personIds);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    events.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new LifeEvent(
                            LifeEvent.Type.valueOf(r.getString(2)), r.getObject(3, LocalDate.class)));
                }
            }
        }
        Set<Long> any = new HashSet<>(years.keySet());
        any.addAll(events.keySet());
        any.forEach(id -> out.put(id, new InsuranceHistory(years.get(id), events.get(id))));
        return out;
    }

    /** The history of a person the caller may see, every year with where it comes from, and the events. */
    public History history(String idNumber) {
        Person person = persons.byIdNumber(idNumber);
        List<YearLine> years = new ArrayList<>();
        em.createNamedQuery(Enrollment.OF_PERSON, Enrollment.class).setParameter("person", person.getId())
                .getResultStream().filter(e -> e.getStatus() == EnrollmentStatus.PAID)
                .forEach(e -> years.add(new YearLine(e.getInsuranceYear(), YearSource.CANBAO_ENROLLMENT, e.getPolicyId(),
                        null, null)));
        em.createNamedQuery(NonEnrollment.OF_PERSON, NonEnrollment.class).setParameter("person", person.getId())
                .getResultStream().filter(n -> INSURED_REASONS.contains(n.getReason()))
                .forEach(n -> years.add(new YearLine(n.getInsuranceYear(), YearSource.CANBAO_NON_ENROLLMENT,
                        n.getReason().name(), n.getRecordedBy(), n.getRecordedAt())));
        em.createNamedQuery(InsuredYearRecord.OF_PERSON, InsuredYearRecord.class).setParameter("person", person.getId())
                .getResultStream().forEach(y -> years.add(line(y)));
        years.sort(java.util.Comparator.comparingInt(YearLine::year).thenComparing(YearLine::source));
        List<EventLine> events = em.createNamedQuery(LifeEventRecord.OF_PERSON, LifeEventRecord.class)
                .setParameter("person", person.getId()).getResultStream().map(InsuranceHistories::line).toList();
        return new History(person, years, events);
    }

    /**
     * Records a year or an event of a person the caller may see: 400 for a wrong entry (each field named), 409 when
     * the year or the event is already known. Clerks enter what they saw at the counter; only district
     * administrators may enter a provincial platform's year by hand.
     */
    @RolesAllowed({Roles.CLERK, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public Recorded record(String idNumber, Entry entry) {
        if (entry == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        Person person = persons.byIdNumber(idNumber);
        LocalDate today = LocalDate.now(clock);
        List<FieldError> errors = new ArrayList<>();
        Checked checked = check(entry, "", today, person.getBirthDate(), errors);
        if (checked != null && checked.source() == HistorySource.PROVINCIAL_IMPORT && !callers.isCallerInRole(Roles.DISTRICT_ADMIN)) {
            errors.add(new FieldError("source", "省级平台数据由区县管理员导入 / provincial data is imported by a district administrator"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "参保记录不完整或格式错误：" + errors.get(0).field() + " "
                    + errors.get(0).message(), "invalid insurance history entry: " + errors.get(0).field(), errors);
        }
        InsuranceHistory known = historyOf(person);
        String actor = audit.currentActor();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (checked.year() != null) {
            if (known.insuredYears().contains(checked.year())) {
                throw new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_RECORDED",
                        person.maskedIdNumber() + " 的 " + checked.year() + " 年参保已有记录",
                        checked.year() + " is already known as insured for " + person.maskedIdNumber(),
                        List.of(new FieldError("year", "已有记录 / already on record")));
            }
            InsuredYearRecord y = new InsuredYearRecord(person.getId(), checked.year(), checked.source(), checked.evidence(),
                    actor, now);
            em.persist(y);
            em.flush();
            audit.record("INSURED_YEAR_RECORDED", "insurance_history_year", String.valueOf(y.getId()), null,
                    y.getInsuranceYear() + " " + y.getSource(), person.maskedIdNumber() + " " + nullToEmpty(y.getEvidence()));
            return new Recorded(line(y), null);
        }
        if (known.events().contains(checked.event())) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_RECORDED",
                    person.maskedIdNumber() + " 的" + checked.event().describeZh() + "已有记录",
                    "the event is already recorded for " + person.maskedIdNumber(),
                    List.of(new FieldError("eventType", "已有记录 / already on record")));
        }
        LifeEventRecord e = new LifeEventRecord(person.getId(), checked.event(), checked.source(), checked.evidence(), actor, now);
        em.persist(e);
        em.flush();
        audit.record("LIFE_EVENT_RECORDED", "insurance_history_event", String.valueOf(e.getId()), null,
                e.getType() + " " + e.getEventDate() + " " + e.getSource(), person.maskedIdNumber() + " " + nullToEmpty(e.getEvidence()));
        return new Recorded(null, line(e));
    }

    /**
     * A provincial platform's file (CSV or XLSX, columns by name {@code idNumber,name} and per row either
     * {@code year} or {@code eventType,eventDate}; {@code evidence} optional), all or nothing: any wrong row → 422
     * HISTORY_FILE_INVALID with the errors by row, nothing recorded. Rows already on record (or repeated in the
     * file) are skipped and counted.
     */
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Imported importFile(String format, byte[] content, String fileName) {
        SpreadsheetTable table = SpreadsheetTable.upload(format, content, "insurance history file");
        int idColumn = table.column(List.of("idnumber", "id_number", "身份证号", "公民身份号码"));
        int nameColumn = table.column(List.of("name", "姓名"));
        int yearColumn = table.column(List.of("year", "参保年度", "年度"));
        int typeColumn = table.column(List.of("eventtype", "event_type", "事件类型"));
        int dateColumn = table.column(List.of("eventdate", "event_date", "事件日期"));
        int evidenceColumn = table.column(List.of("evidence", "依据", "证明"));
        List<FieldError> missing = new ArrayList<>();
        if (idColumn < 0) {
            missing.add(new FieldError("file", "缺少列 idNumber / column idNumber missing"));
        }
        if (nameColumn < 0) {
            missing.add(new FieldError("file", "缺少列 name / column name missing"));
        }
        if (yearColumn < 0 && (typeColumn < 0 || dateColumn < 0)) {
            missing.add(new FieldError("file", "须有列 year，或列 eventType 和 eventDate / column year, or columns eventType and eventDate, required"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "参保记录文件缺少列", "the insurance history file lacks columns", missing);
        }
        Map<Integer, List<String>> rows = table.rows();
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("EMPTY_FILE", "文件中没有参保记录", "the file holds no rows",
                    List.of(new FieldError("file", "没有数据行 / no data rows")));
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.badRequest("FILE_TOO_LARGE", "一次至多导入 " + MAX_ROWS + " 行",
                    "at most " + MAX_ROWS + " rows per file", List.of(new FieldError("file", "too many rows")));
        }
        // the persons of the file, in one statement per thousand
        Map<String, Person> byNumber = new HashMap<>();
        Map<Integer, String> numbers = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> row : rows.entrySet()) {
            String text = SpreadsheetTable.cell(row.getValue(), idColumn);
            try {
                numbers.put(row.getKey(), IdNumber.of(text == null ? "" : text).value());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("row " + row.getKey() + ".idNumber", "身份证号无效 / invalid ID number"));
            }
        }
        List<String> distinct = new ArrayList<>(new TreeSet<>(numbers.values()));
        for (int from = 0; from < distinct.size(); from += 1000) {
            em.createQuery("select p from Person p where p.idNumber in :numbers", Person.class)
                    .setParameter("numbers", distinct.subList(from, Math.min(distinct.size(), from + 1000)))
                    .getResultList().forEach(p -> byNumber.put(p.getIdNumber(), p));
        }
        List<Person> found = new ArrayList<>(byNumber.values());
        boolean[] visible = persons.callerMaySeeAll(found);
        Set<Long> visibleIds = new HashSet<>();
        for (int i = 0; i < found.size(); i++) {
            if (visible[i]) {
                visibleIds.add(found.get(i).getId());
            }
        }
        LocalDate today = LocalDate.now(clock);
        record Good(int row, Person person, Checked entry) {
        }
        List<Good> good = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> row : rows.entrySet()) {
            int n = row.getKey();
            List<String> cells = row.getValue();
            String number = numbers.get(n);
            if (number == null) {
                continue;
            }
            Person person = byNumber.get(number);
            String prefix = "row " + n + ".";
            if (person == null || !visibleIds.contains(person.getId())) {
                // outside the caller's area answers like an unknown person: the file learns nothing of other areas
                errors.add(new FieldError(prefix + "idNumber", "未登记或不在本辖区 / not registered in your area"));
                continue;
            }
            String name = SpreadsheetTable.cell(cells, nameColumn);
            if (name == null || !name.equals(person.getName())) {
                errors.add(new FieldError(prefix + "name", "姓名与登记不符 / the name differs from the one on record"));
                continue;
            }
            String yearText = SpreadsheetTable.cell(cells, yearColumn);
            Integer year = null;
            if (yearText != null && !yearText.isEmpty()) {
                try {
                    // a spreadsheet's number cell may read "2022.0"
                    year = Integer.valueOf(yearText.matches("\\d{1,4}\\.0+") ? yearText.substring(0, yearText.indexOf('.')) : yearText);
                } catch (NumberFormatException e) {
                    errors.add(new FieldError(prefix + "year", "须为年度，如 2024 / must be a year such as 2024"));
                    continue;
                }
            }
            Checked checked = check(new Entry(year, SpreadsheetTable.cell(cells, typeColumn), SpreadsheetTable.cell(cells, dateColumn),
                    HistorySource.PROVINCIAL_IMPORT.name(), SpreadsheetTable.cell(cells, evidenceColumn)), prefix, today,
                    person.getBirthDate(), errors);
            if (checked != null) {
                good.add(new Good(n, person, checked));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "HISTORY_FILE_INVALID",
                    "参保记录文件有 " + errors.size() + " 处错误，未导入任何数据", "the insurance history file has " + errors.size()
                    + " problem(s); nothing was imported", errors.size() > 500 ? errors.subList(0, 500) : errors);
        }
        Map<Long, InsuranceHistory> known = new HashMap<>(historiesOf(good.stream().map(g -> g.person().getId()).toList()));
        String actor = audit.currentActor();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String source = fileName == null || fileName.isBlank() ? "import"
                : truncate(fileName.trim().replaceAll("\\p{Cntrl}", "_"), 150);
        int years = 0;
        int events = 0;
        int skipped = 0;
        for (Good g : good) {
            InsuranceHistory history = known.getOrDefault(g.person().getId(), InsuranceHistory.NONE);
            String evidence = g.entry().evidence() != null ? g.entry().evidence() : source + " row " + g.row();
            if (g.entry().year() != null) {
                if (history.insuredYears().contains(g.entry().year())) {
                    skipped++;
                    continue;
                }
                em.persist(new InsuredYearRecord(g.person().getId(), g.entry().year(), HistorySource.PROVINCIAL_IMPORT,
                        evidence, actor, now));
                known.put(g.person().getId(), history.withYear(g.entry().year()));
                years++;
            } else {
                if (history.events().contains(g.entry().event())) {
                    skipped++;
                    continue;
                }
                em.persist(new LifeEventRecord(g.person().getId(), g.entry().event(), HistorySource.PROVINCIAL_IMPORT,
                        evidence, actor, now));
                known.put(g.person().getId(), history.withEvents(List.of(g.entry().event())));
                events++;
            }
        }
        em.flush();
        audit.record("INSURANCE_HISTORY_IMPORTED", "insurance_history_year", source, null, null,
                rows.size() + " row(s): " + years + " year(s), " + events + " event(s) added, " + skipped + " already on record");
        return new Imported(rows.size(), years, events, skipped);
    }

    /**
     * Checks one entry (a pure function of it, the business date and the person's birth date): the fields named with
     * {@code prefix}; null with {@code errors} added when wrong.
     */
    static Checked check(Entry entry, String prefix, LocalDate today, LocalDate birthDate, List<FieldError> errors) {
        int before = errors.size();
        HistorySource source = HistorySource.COUNTER;
        if (entry.source() != null && !entry.source().isBlank()) {
            try {
                source = HistorySource.valueOf(entry.source().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "source", "应为 PROVINCIAL_IMPORT | COUNTER / must be one of these"));
            }
        }
        String evidence = entry.evidence() == null || entry.evidence().isBlank() ? null : entry.evidence().trim();
        Optional<String> badEvidence = FreeText.refusal(evidence, 200, source == HistorySource.COUNTER);
        badEvidence.ifPresent(m -> errors.add(new FieldError(prefix + "evidence",
                evidence == null ? "柜台录入须注明依据（证明材料） / the evidence shown at the counter is required" : m)));
        boolean hasEvent = notBlank(entry.eventType()) || notBlank(entry.eventDate());
        Integer year = entry.year();
        LifeEvent event = null;
        if (year == null && !hasEvent) {
            errors.add(new FieldError(prefix + "year", "须填写参保年度，或事件类型和日期 / a year, or an event type and date, is required"));
        } else if (year != null && hasEvent) {
            errors.add(new FieldError(prefix + "year", "一条记录只能是参保年度或事件之一 / an entry is either a year or an event"));
        } else if (year != null) {
            if (year < SaneDate.FIRST_YEAR) {
                errors.add(new FieldError(prefix + "year", "须为参保年度，如 2024 / must be a year such as 2024"));
            } else if (year > today.getYear()) {
                errors.add(new FieldError(prefix + "year", year + " 年尚未到来 / " + year + " lies in the future (today is " + today + ")"));
            } else if (birthDate != null && year < birthDate.getYear()) {
                errors.add(new FieldError(prefix + "year", year + " 年早于出生年份 / " + year + " lies before the birth year " + birthDate.getYear()));
            }
        } else {
            LifeEvent.Type type = null;
            try {
                type = LifeEvent.Type.valueOf(String.valueOf(entry.eventType()).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(new FieldError(prefix + "eventType", "未知的事件类型 " + entry.eventType() + "，应为 "
                        + EnumSet.allOf(LifeEvent.Type.class) + " / unknown event type " + entry.eventType()));
            }
            LocalDate date = null;
            if (!notBlank(entry.eventDate())) {
                errors.add(new FieldError(prefix + "eventDate", "必填，格式 yyyy-MM-dd / required, yyyy-MM-dd"));
            } else {
                try {
                    date = SaneDate.Parse.date(entry.eventDate().trim());
                    if (date.isAfter(today)) {
                        errors.add(new FieldError(prefix + "eventDate", date + " 尚未到来 / " + date + " lies in the future (today is " + today + ")"));
                    } else if (birthDate != null && date.isBefore(birthDate)) {
                        errors.add(new FieldError(prefix + "eventDate", date + " 早于出生日期 / " + date + " lies before the birth date"));
                    }
                } catch (DateTimeParseException malformed) {
                    errors.add(new FieldError(prefix + "eventDate", "日期格式应为 yyyy-MM-dd：" + entry.eventDate()
                            + " / not a date yyyy-MM-dd: " + entry.eventDate()));
                }
            }
            if (type != null && date != null) {
                event = new LifeEvent(type, date);
            }
        }
        return errors.size() > before ? null : new Checked(year, event, source, evidence);
    }

    private static YearLine line(InsuredYearRecord y) {
        return new YearLine(y.getInsuranceYear(), YearSource.valueOf(y.getSource().name()), y.getEvidence(), y.getRecordedBy(),
                y.getRecordedAt());
    }

    private static EventLine line(LifeEventRecord e) {
        return new EventLine(e.getType(), e.getEventDate(), e.getSource(), e.getEvidence(), e.getRecordedBy(), e.getRecordedAt());
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
