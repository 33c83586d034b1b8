package cn.canbao.roster.boundary;

import cn.canbao.person.boundary.PersonRows;
import cn.canbao.person.boundary.PersonRows.Resident;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
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

    /**
     * A data row of a roster file; {@code rowNumber} as the department sees it (the header is row 1). {@code repeated}:
     * its ID number is on an earlier row of the file that passed the same first two checks (number well-formed, name
     * present) — decided over the whole file by {@link #repeatedRows}, so that parts of a file can be checked apart.
     */
    public record Row(int rowNumber, String idNumber, String name, String region, String subsidyCode, boolean repeated)
            implements Serializable {

        public Row(int rowNumber, String idNumber, String name, String region, String subsidyCode) {
            this(rowNumber, idNumber, name, region, subsidyCode, false);
        }

        public Row repeated(boolean repeated) {
            return new Row(rowNumber, idNumber, name, region, subsidyCode, repeated);
        }
    }

    /**
     * The row numbers, up to {@code upTo}, of the rows whose ID number appeared on an earlier row — counting only rows
     * whose number is well-formed and whose name is present, as the checks before DUPLICATE_IN_FILE do; the first
     * occurrence wins. A function of the file alone, so every partition of an import (and a restart) finds the same.
     */
    public static Set<Integer> repeatedRows(List<Row> rows, int upTo) {
        Set<String> seen = new HashSet<>();
        Set<Integer> repeated = new HashSet<>();
        for (Row row : rows) {
            if (row.rowNumber() > upTo) {
                break;
            }
            String number = normalized(row.idNumber());
            if (number.length() != 18 || row.name() == null || row.name().trim().isEmpty()) {
                continue;   // rejected before the duplicate check: BAD_ID_NUMBER or NAME_MISSING
            }
            try {
                IdNumber.of(number);
            } catch (IdNumber.InvalidIdNumberException e) {
                continue;
            }
            if (!seen.add(number)) {
                repeated.add(row.rowNumber());
            }
        }
        return repeated;
    }

    private static String normalized(String idNumber) {
        return idNumber == null ? "" : idNumber.trim().toUpperCase(Locale.ROOT);
    }

    /** The stored upload the job reads. */
    public record Upload(long importId, String department, String subsidyCode, LocalDate validFrom, LocalDate validTo,
                         String format, String fileName, byte[] content) {
    }

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
        return new Upload(importId, (String) r[0], (String) r[1], NativeValues.localDate(r[2]), NativeValues.localDate(r[3]), (String) r[4], (String) r[5], NativeValues.bytes(r[6]));
    }

    /**
     * The row numbers of an import from {@code from} to {@code to} already reported (by an earlier run of the import or
     * of the partition): read once when the job's writer opens, then kept up to date by {@link #record}.
     */
    public record Reported(Set<Integer> rows) {
    }

    public Reported reported(long importId, int from, int to) {
        Set<Integer> rows = new HashSet<>();
        for (Object n : em.createNativeQuery("select row_number from canbao.roster_import_row where import_id = ?1"
                        + " and row_number between ?2 and ?3")
                .setParameter(1, importId).setParameter(2, from).setParameter(3, to).getResultList()) {
            rows.add(((Number) n).intValue());
        }
        return new Reported(rows);
    }

    /**
     * Records a chunk of rows: identities for the accepted ones, a report line for each; rows already reported
     * ({@code earlier}, kept by the caller — the job's writer) are skipped. Returns how many were accepted. The chunk is
     * read in bulk (one statement each for the persons and their identities) and written in bulk (two JDBC batches);
     * the rules and their order are those of a row at a time, DUPLICATE_IN_FILE as {@link Row#repeated()} says.
     */
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
            String text = normalized(row.idNumber());
            if (text.length() == 18) {
                numbers.add(text);
            }
        }
        Connection connection = ChunkJdbc.connection(em);
        Map<String, Resident> persons;
        Map<Long, List<HeldIdentity>> held;
        try {
            persons = PersonRows.residents(connection, numbers);
            held = SubsidyIdentities.held(connection, persons.values().stream().map(Resident::id).toList());
        } catch (SQLException e) {
            throw ChunkJdbc.failed("roster import " + importId + ", reading persons", e);
        }
        Map<String, List<CatalogueEntry>> catalogues = new HashMap<>();
        List<Object[]> lines = new ArrayList<>(todo.size());
        List<SubsidyIdentities.NewIdentity> identities = new ArrayList<>();
        int accepted = 0;
        java.util.function.LongSupplier identityIds = ChunkJdbc.ids(em, SubsidyIdentity.class);
        for (Row row : todo) {
            String text = normalized(row.idNumber());
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
            if (row.repeated()) {
                lines.add(reject(row, id.value(), name, Reason.DUPLICATE_IN_FILE, "the number appears on an earlier row of this roster"));
                continue;
            }
            Resident p = persons.get(id.value());
            if (p == null) {
                lines.add(reject(row, id.value(), name, Reason.PERSON_UNKNOWN, "no resident with this number on record"));
                continue;
            }
            if (!p.name().equals(name)) {
                lines.add(reject(row, id.value(), name, Reason.NAME_MISMATCH, "the record names this number differently"));
                continue;
            }
            String code = row.subsidyCode() == null || row.subsidyCode().isBlank() ? upload.subsidyCode() : row.subsidyCode().trim();
            String district = p.householdRegionCode().substring(0, 6);
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
            List<HeldIdentity> ofPerson = held.computeIfAbsent(p.id(), k -> new ArrayList<>());
            if (alreadyHeld(ofPerson, code, upload.validFrom(), upload.validTo())) {
                lines.add(reject(row, id.value(), name, Reason.ALREADY_ON_RECORD,
                        "an identity " + code + " covering " + upload.validFrom() + ".." + upload.validTo() + " is already on record"));
                continue;
            }
            long identityId = identityIds.getAsLong();
            identities.add(new SubsidyIdentities.NewIdentity(identityId, p.id(), code, upload.department(), upload.validFrom(),
                    upload.validTo(), SubsidyIdentity.Source.ROSTER, "roster import " + importId + " row " + row.rowNumber(), actor, now));
            ofPerson.add(new HeldIdentity(code, upload.validFrom(), upload.validTo()));
            lines.add(new Object[]{row.rowNumber(), cut(id.value(), 32), cut(name, 100), "ACCEPTED", null, null, identityId});
            accepted++;
        }
        try {
            SubsidyIdentities.insert(connection, identities);
            insertLines(connection, importId, lines);
        } catch (SQLException e) {
            throw ChunkJdbc.failed("roster import " + importId + ", writing rows", e);
        }
        todo.forEach(r -> reported.add(r.rowNumber()));
        audit.record("ROSTER_ROWS_IMPORTED", "roster_import", String.valueOf(importId), null, null,
                rows.size() + " row(s), " + accepted + " accepted, " + (rows.size() - accepted) + " rejected");
        return accepted;
    }

    private Upload header(long importId) {
        Object[] r = (Object[]) em.createNativeQuery("select department, subsidy_code, valid_from, valid_to, format, file_name"
                + " from canbao.roster_import where id = ?1").setParameter(1, importId).getSingleResult();
        return new Upload(importId, (String) r[0], (String) r[1], NativeValues.localDate(r[2]), NativeValues.localDate(r[3]), (String) r[4], (String) r[5], null);
    }

    private List<CatalogueEntry> entries(String district, String code) {
        List<CatalogueEntry> entries = new ArrayList<>();
        policies.list().stream().filter(s -> s.regionCode().equals(district))
                .forEach(s -> policies.policy(s.policyId()).category(code).ifPresent(entries::add));
        return entries;
    }

    private static boolean alreadyHeld(List<HeldIdentity> held, String code, LocalDate from, LocalDate to) {
        return held.stream().anyMatch(s -> s.code().equals(code) && !s.validFrom().isAfter(from)
                && (s.validTo() == null || !s.validTo().isBefore(to)));
    }

    private static Object[] reject(Row row, String idNumber, String name, Reason reason, String message) {
        return new Object[]{row.rowNumber(), cut(idNumber, 32), cut(name, 100), "REJECTED", reason.name(), cut(message, 300), null};
    }

    /** The chunk's report lines as one JDBC batch (types given for the columns that may be null). */
    private static void insertLines(Connection connection, long importId, List<Object[]> lines) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into canbao.roster_import_row (import_id,"
                + " row_number, id_number, name, outcome, reason, message, identity_id) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] line : lines) {
                insert.setLong(1, importId);
                insert.setInt(2, (Integer) line[0]);
                insert.setString(3, (String) line[1]);
                insert.setString(4, (String) line[2]);
                insert.setString(5, (String) line[3]);
                insert.setString(6, (String) line[4]);
                insert.setString(7, (String) line[5]);
                if (line[6] == null) {
                    insert.setNull(8, Types.BIGINT);
                } else {
                    insert.setLong(8, (Long) line[6]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }


}
