package cn.canbao.subsidy.control;

import cn.canbao.person.entity.DocumentType;
import cn.canbao.person.entity.IdNumber;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.control.AuditLog;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Records the rows of a department's roster (名册) as subsidy identities with source ROSTER, and every row's outcome
 * (accepted, or rejected with the reason) for the import report. Driven by the batch job {@code roster-import}, one
 * chunk of rows per call in the chunk's transaction. Re-importing the same roster adds nothing: every row is then
 * rejected as ALREADY_ON_RECORD. Internal: the upload is checked at the boundary {@code Rosters}.
 */
@Stateless
@PermitAll
public class RosterImporter {

    /** Why a row is not recorded; the names are the report's reason codes. */
    public enum Reason {
        BAD_ID_NUMBER, NAME_MISSING, DUPLICATE_IN_FILE, PERSON_UNKNOWN, NAME_MISMATCH, SUBSIDY_CODE_UNKNOWN,
        VALIDITY_OUTSIDE_CATALOGUE, ALREADY_ON_RECORD
    }

    /** A data row of a roster file; {@code rowNumber} as the department sees it (the header is row 1). */
    public record Row(int rowNumber, String idNumber, String name, String region, String subsidyCode) implements Serializable {
    }

    /** The stored upload the job reads. */
    public record Upload(long importId, String department, String subsidyCode, LocalDate validFrom, LocalDate validTo,
                         String format, String fileName, byte[] content) {
    }

    private static final int LINES_PER_INSERT = 25;

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public Upload upload(long importId) {
        List<?> found = em.createNativeQuery("select department, subsidy_code, valid_from, valid_to, format, file_name, content"
                + " from canbao.roster_import where id = ?1").setParameter(1, importId).getResultList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no roster import " + importId);
        }
        Object[] r = (Object[]) found.get(0);
        return new Upload(importId, (String) r[0], (String) r[1], date(r[2]), date(r[3]), (String) r[4], (String) r[5], bytes(r[6]));
    }

    /**
     * Records a chunk of rows: identities for the accepted ones, a report line for each. Returns how many were accepted.
     * The chunk is read in bulk (one statement each for the rows already reported, the earlier rows with the same
     * numbers, the persons, their identities) and written in bulk (identities as JDBC batches at commit, report lines
     * as multi-row inserts); the rules and their order are those of a row at a time.
     */
    public int record(long importId, List<Row> rows) {
        Set<String> numbers = new HashSet<>();
        rows.forEach(r -> numbers.add(r.idNumber() == null ? "" : r.idNumber().trim().toUpperCase(Locale.ROOT)));
        return record(importId, rows, new Reported(reportedRows(importId, rows),
                new HashSet<>(earlierIdNumbers(importId, rows, numbers))));
    }

    /**
     * The row numbers of an import already reported and the ID numbers on its earlier rows (bad numbers aside): read
     * once when the job's writer opens, then kept up to date by {@link #record(long, List, Reported)}.
     */
    public record Reported(Set<Integer> rows, Set<String> idNumbers) {
    }

    public Reported reported(long importId) {
        Set<Integer> rows = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Object o : em.createNativeQuery("select row_number, id_number, reason from canbao.roster_import_row where import_id = ?1")
                .setParameter(1, importId).getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(((Number) r[0]).intValue());
            if (r[1] != null && !"BAD_ID_NUMBER".equals(r[2])) {
                numbers.add((String) r[1]);
            }
        }
        return new Reported(rows, numbers);
    }

    /** {@link #record(long, List)} with what earlier chunks reported kept by the caller (the job's writer). */
    public int record(long importId, List<Row> rows, Reported earlier) {
        Upload upload = header(importId);
        String actor = audit.currentActor();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<Integer> reported = earlier.rows();
        List<Row> todo = new ArrayList<>(rows.size());
        Set<String> numbers = new HashSet<>();
        for (Row row : rows) {
            if (reported.contains(row.rowNumber())) {
                continue; // a second run of the same import reports each row once
            }
            todo.add(row);
            String text = row.idNumber() == null ? "" : row.idNumber().trim().toUpperCase(Locale.ROOT);
            if (text.length() == 18) {
                numbers.add(text);
            }
        }
        Set<String> seen = earlier.idNumbers();
        Map<String, Person> persons = persons(numbers);
        Map<Long, List<SubsidyIdentity>> held = identitiesOf(persons.values());
        Map<String, List<CatalogueEntry>> catalogues = new HashMap<>();
        List<Object[]> lines = new ArrayList<>(todo.size());
        int accepted = 0;
        for (Row row : todo) {
            String text = row.idNumber() == null ? "" : row.idNumber().trim().toUpperCase(Locale.ROOT);
            String name = row.name() == null ? "" : row.name().trim();
            IdNumber id;
            try {
                id = IdNumber.of(text);
            } catch (IdNumber.InvalidIdNumberException e) {
                lines.add(reject(row, text, name, Reason.BAD_ID_NUMBER, e.messageEn()));
                continue;
            }
            if (name.isEmpty()) {
                lines.add(reject(row, id.value(), name, Reason.NAME_MISSING, "name is empty"));
                continue;
            }
            if (!seen.add(id.value())) {
                lines.add(reject(row, id.value(), name, Reason.DUPLICATE_IN_FILE, "the number appears on an earlier row of this roster"));
                continue;
            }
            Person p = persons.get(id.value());
            if (p == null) {
                lines.add(reject(row, id.value(), name, Reason.PERSON_UNKNOWN, "no resident with this number on record"));
                continue;
            }
            if (!p.getName().equals(name)) {
                lines.add(reject(row, id.value(), name, Reason.NAME_MISMATCH, "the record names this number differently"));
                continue;
            }
            String code = row.subsidyCode() == null || row.subsidyCode().isBlank() ? upload.subsidyCode() : row.subsidyCode().trim();
            String district = p.getHouseholdRegionCode().substring(0, 6);
            List<CatalogueEntry> entries = catalogues.computeIfAbsent(district + "/" + code, k -> entries(district, code));
            if (entries.isEmpty()) {
                lines.add(reject(row, id.value(), name, Reason.SUBSIDY_CODE_UNKNOWN,
                        "code " + code + " is in no policy catalogue of district " + district));
                continue;
            }
            if (entries.stream().noneMatch(e -> e.validOn(upload.validFrom()) && e.validOn(upload.validTo()))) {
                lines.add(reject(row, id.value(), name, Reason.VALIDITY_OUTSIDE_CATALOGUE, upload.validFrom() + ".." + upload.validTo()
                        + " is not inside the validity of code " + code + " in the catalogues of district " + district));
                continue;
            }
            List<SubsidyIdentity> ofPerson = held.computeIfAbsent(p.getId(), k -> new ArrayList<>());
            if (alreadyHeld(ofPerson, code, upload.validFrom(), upload.validTo())) {
                lines.add(reject(row, id.value(), name, Reason.ALREADY_ON_RECORD,
                        "an identity " + code + " covering " + upload.validFrom() + ".." + upload.validTo() + " is already on record"));
                continue;
            }
            SubsidyIdentity identity = new SubsidyIdentity(p.getId(), code, upload.department(), upload.validFrom(),
                    upload.validTo(), SubsidyIdentity.Source.ROSTER, "roster import " + importId + " row " + row.rowNumber(), actor, now);
            em.persist(identity);   // the id comes from the preallocated sequence at persist; the insert waits for the batch
            if (identity.getId() == null) {
                em.flush();
            }
            ofPerson.add(identity);
            lines.add(new Object[]{row.rowNumber(), cut(id.value(), 32), cut(name, 100), "ACCEPTED", null, null, identity.getId()});
            accepted++;
        }
        insertLines(importId, lines);
        todo.forEach(r -> reported.add(r.rowNumber()));
        audit.record("ROSTER_ROWS_IMPORTED", "roster_import", String.valueOf(importId), null, null,
                rows.size() + " row(s), " + accepted + " accepted, " + (rows.size() - accepted) + " rejected");
        return accepted;
    }

    /** The persons with these resident ID numbers, by number, in one statement. */
    private Map<String, Person> persons(Set<String> numbers) {
        Map<String, Person> found = new HashMap<>();
        if (!numbers.isEmpty()) {
            em.createQuery("select p from Person p where p.documentType = :type and p.idNumber in :numbers", Person.class)
                    .setParameter("type", DocumentType.RESIDENT_ID).setParameter("numbers", new ArrayList<>(numbers))
                    .getResultList().forEach(p -> found.put(p.getIdNumber(), p));
        }
        return found;
    }

    /** Every identity on record of these persons, by person, in one statement. */
    private Map<Long, List<SubsidyIdentity>> identitiesOf(java.util.Collection<Person> persons) {
        Map<Long, List<SubsidyIdentity>> of = new HashMap<>();
        if (!persons.isEmpty()) {
            List<Long> ids = persons.stream().map(Person::getId).toList();
            em.createQuery("select s from SubsidyIdentity s where s.personId in :persons", SubsidyIdentity.class)
                    .setParameter("persons", ids).getResultList()
                    .forEach(s -> of.computeIfAbsent(s.getPersonId(), k -> new ArrayList<>()).add(s));
        }
        return of;
    }

    private Upload header(long importId) {
        Object[] r = (Object[]) em.createNativeQuery("select department, subsidy_code, valid_from, valid_to, format, file_name"
                + " from canbao.roster_import where id = ?1").setParameter(1, importId).getSingleResult();
        return new Upload(importId, (String) r[0], (String) r[1], date(r[2]), date(r[3]), (String) r[4], (String) r[5], null);
    }

    /**
     * Numbers of this chunk already reported on earlier rows (committed chunks, or an earlier run of this import): only
     * this chunk's numbers are asked for, so a chunk costs the same at row 900,000 as at row 1,000.
     */
    private List<String> earlierIdNumbers(long importId, List<Row> rows, Set<String> numbers) {
        if (rows.isEmpty() || numbers.isEmpty()) {
            return List.of();
        }
        int first = rows.stream().mapToInt(Row::rowNumber).min().orElse(0);
        StringBuilder sql = new StringBuilder("select id_number from canbao.roster_import_row where import_id = ?1"
                + " and row_number < ?2 and reason is distinct from 'BAD_ID_NUMBER' and id_number in (");
        List<String> list = new ArrayList<>(numbers);
        for (int i = 0; i < list.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?").append(i + 3);
        }
        var query = em.createNativeQuery(sql.append(')').toString()).setParameter(1, importId).setParameter(2, first);
        for (int i = 0; i < list.size(); i++) {
            query.setParameter(i + 3, list.get(i));
        }
        List<String> found = new ArrayList<>();
        query.getResultList().forEach(n -> found.add((String) n));
        return found;
    }

    private Set<Integer> reportedRows(long importId, List<Row> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Set<Integer> reported = new HashSet<>();
        em.createNativeQuery("select row_number from canbao.roster_import_row where import_id = ?1 and row_number between ?2 and ?3")
                .setParameter(1, importId).setParameter(2, rows.get(0).rowNumber()).setParameter(3, rows.get(rows.size() - 1).rowNumber())
                .getResultList().forEach(n -> reported.add(((Number) n).intValue()));
        return reported;
    }

    private List<CatalogueEntry> entries(String district, String code) {
        List<CatalogueEntry> entries = new ArrayList<>();
        policies.list().stream().filter(s -> s.regionCode().equals(district))
                .forEach(s -> policies.policy(s.policyId()).category(code).ifPresent(entries::add));
        return entries;
    }

    private static boolean alreadyHeld(List<SubsidyIdentity> held, String code, LocalDate from, LocalDate to) {
        return held.stream().anyMatch(s -> s.getCode().equals(code) && !s.getValidFrom().isAfter(from)
                && (s.getValidTo() == null || !s.getValidTo().isBefore(to)));
    }

    private static Object[] reject(Row row, String idNumber, String name, Reason reason, String message) {
        return new Object[]{row.rowNumber(), cut(idNumber, 32), cut(name, 100), "REJECTED", reason.name(), cut(message, 300), null};
    }

    /**
     * The report lines of a chunk in multi-row inserts of up to 25 rows (EclipseLink's translation of a native query
     * costs time quadratic in its number of parameters: with 250 rows, 1,751 parameters, it took most of the import's
     * server CPU). Casts where a parameter may be null: EclipseLink binds a null as VARCHAR, which PostgreSQL refuses
     * for bigint.
     */
    private void insertLines(long importId, List<Object[]> lines) {
        for (int from = 0; from < lines.size(); from += LINES_PER_INSERT) {
            List<Object[]> part = lines.subList(from, Math.min(lines.size(), from + LINES_PER_INSERT));
            StringBuilder sql = new StringBuilder("insert into canbao.roster_import_row (import_id, row_number, id_number, name,"
                    + " outcome, reason, message, identity_id) values ");
            int p = 1;
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(++p).append(", ?").append(++p).append(", ?").append(++p)
                        .append(", ?").append(++p).append(", cast(?").append(++p).append(" as varchar(40)), cast(?").append(++p)
                        .append(" as varchar(300)), cast(?").append(++p).append(" as bigint))");
            }
            var query = em.createNativeQuery(sql.toString()).setParameter(1, importId);
            p = 1;
            for (Object[] line : part) {
                for (Object value : line) {
                    query.setParameter(++p, value);
                }
            }
            query.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof LocalDate d ? d : ((Date) o).toLocalDate();
    }

    private static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        try {
            java.sql.Blob blob = (java.sql.Blob) o;
            return blob.getBytes(1, (int) blob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
