package cn.canbao.subsidy.boundary;

import cn.canbao.platform.boundary.SaneDate;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.ChunkJdbc;
import java.util.Map;
import java.util.HashMap;
import java.util.Collection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.Connection;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The subsidy identities persons hold. Entered by hand here by the district bureau or a certifying department, with
 * the evidence seen; rosters (bulk) come later through the same entity with source ROSTER.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX,
        Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class SubsidyIdentities {

    /** A manual entry (API addition: POST /persons/{idNumber}/identities). */
    public record ManualEntry(@FitsColumn("subsidy_identity.code") String code,
                              @FitsColumn("subsidy_identity.certifying_department") String certifyingDepartment,
                              @SaneDate LocalDate validFrom, @SaneDate LocalDate validTo,
                              @FitsColumn(value = "subsidy_identity.evidence", lines = true) String evidence) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    cn.canbao.platform.boundary.ChangeFeed changeFeed;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public SubsidyIdentity recordManually(String idNumber, ManualEntry entry) {
        Person person = persons.byIdNumber(idNumber);
        List<FieldError> errors = new ArrayList<>();
        if (entry == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        String code = entry.code() == null ? null : entry.code().trim();
        if (code == null || !code.matches("[0-9A-Z]{1,10}")) {
            errors.add(new FieldError("code", "必填，1-10位数字或大写字母 / required, 1-10 digits or capitals"));
        }
        if (entry.certifyingDepartment() == null || entry.certifyingDepartment().isBlank()) {
            errors.add(new FieldError("certifyingDepartment", "必填 / required"));
        }
        if (entry.validFrom() == null) {
            errors.add(new FieldError("validFrom", "必填 / required"));
        } else if (entry.validTo() != null && entry.validTo().isBefore(entry.validFrom())) {
            errors.add(new FieldError("validTo", "不能早于 validFrom / must not be before validFrom"));
        }
        if (entry.evidence() == null || entry.evidence().isBlank()) {
            errors.add(new FieldError("evidence", "手工录入须注明依据 / a manual entry needs its evidence"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "资助身份信息不完整或格式错误", "incomplete or malformed identity", errors);
        }
        if (!knownInSomeCatalogue(code)) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "SUBSIDY_CODE_UNKNOWN",
                    "资助类别代码 " + code + " 不在任何年度政策的资助目录中", "subsidy code " + code + " is in no policy's catalogue",
                    List.of(new FieldError("code", "未知 / unknown")));
        }
        SubsidyIdentity identity = new SubsidyIdentity(person.getId(), code, entry.certifyingDepartment().trim(),
                entry.validFrom(), entry.validTo(), SubsidyIdentity.Source.MANUAL, entry.evidence().trim(),
                audit.currentActor(), OffsetDateTime.now(clock));
        em.persist(identity);
        em.flush();
        changeFeed.record(null, person.getId(), cn.canbao.platform.boundary.ChangeFeed.Change.IDENTITY);
        audit.record("SUBSIDY_IDENTITY_RECORDED", "person", String.valueOf(person.getId()), null,
                cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("identityId", identity.getId()).add("code", code)
                        .add("certifyingDepartment", identity.getCertifyingDepartment())
                        .add("validFrom", identity.getValidFrom().toString())
                        .add("validTo", identity.getValidTo() == null ? "" : identity.getValidTo().toString())
                        .add("source", identity.getSource().name()).add("evidence", identity.getEvidence())
                        .build().toString(), person.maskedIdNumber());
        return identity;
    }

    public List<SubsidyIdentity> of(Person person) {
        return em.createNamedQuery(SubsidyIdentity.OF_PERSON, SubsidyIdentity.class)
                .setParameter("person", person.getId()).getResultList();
    }

    /** A person read together with every subsidy identity on record (for the quote engine). */
    public record Holder(Person person, List<HeldIdentity> held) {
    }

    /**
     * The person with this ID number and their identities, in one statement (a left join), checked against the
     * caller's area like {@link Persons#byIdNumber}: the payment path's person and identity reads in one round trip.
     */
    public Holder holderByIdNumber(String idNumber) {
        cn.canbao.platform.entity.IdNumber id = Persons.parseId(idNumber);
        List<Object[]> rows = em.createQuery("select p, s from Person p left join SubsidyIdentity s on s.personId = p.id"
                        + " where p.documentType = :type and p.idNumber = :number order by s.validFrom, s.id", Object[].class)
                .setParameter("type", cn.canbao.person.entity.DocumentType.RESIDENT_ID)
                .setParameter("number", id.value())
                .getResultList();
        if (rows.isEmpty()) {
            Person person = persons.byIdNumber(idNumber);   // PERSON_UNKNOWN (or registered meanwhile)
            return new Holder(person, held(person));
        }
        Person person = (Person) rows.get(0)[0];
        persons.requireVisible(person);
        List<HeldIdentity> held = new java.util.ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row[1] != null) {
                held.add(((SubsidyIdentity) row[1]).held());
            }
        }
        return new Holder(person, List.copyOf(held));
    }

    /**
     * The persons with these ID numbers (normalised, {@link cn.canbao.platform.entity.IdNumber#value()}) and their
     * identities, in one statement: the bulk payment path's {@link #holderByIdNumber}. Numbers nobody holds are
     * absent; the caller's area is not checked here (the caller asks {@link Persons#callerMaySee} and sends the rest
     * down the single path, which answers as for an unknown person). The persons are read-only: not to be changed.
     */
    public java.util.Map<String, Holder> holdersByIdNumbers(java.util.Collection<String> idNumbers) {
        java.util.Map<String, Person> found = new java.util.HashMap<>();
        java.util.Map<String, List<HeldIdentity>> held = new java.util.HashMap<>();
        if (idNumbers.isEmpty()) {
            return java.util.Map.of();
        }
        for (Object[] row : em.createQuery("select p, s from Person p left join SubsidyIdentity s on s.personId = p.id"
                        + " where p.documentType = :type and p.idNumber in :numbers order by p.id, s.validFrom, s.id", Object[].class)
                .setParameter("type", cn.canbao.person.entity.DocumentType.RESIDENT_ID)
                .setParameter("numbers", idNumbers)
                // read, never changed by the bulk path: not registered in the unit of work (a tenth of its time)
                .setHint(org.eclipse.persistence.config.QueryHints.READ_ONLY, org.eclipse.persistence.config.HintValues.TRUE)
                .getResultList()) {
            Person person = (Person) row[0];
            found.putIfAbsent(person.getIdNumber(), person);
            List<HeldIdentity> list = held.computeIfAbsent(person.getIdNumber(), k -> new ArrayList<>());
            if (row[1] != null) {
                list.add(((SubsidyIdentity) row[1]).held());
            }
        }
        java.util.Map<String, Holder> holders = new java.util.HashMap<>();
        found.forEach((number, person) -> holders.put(number, new Holder(person, List.copyOf(held.get(number)))));
        return holders;
    }

    /** All identities on record, for the quote engine (which keeps those valid on the payment date). */
    public List<HeldIdentity> held(Person person) {
        return of(person).stream().map(SubsidyIdentity::held).toList();
    }

    /**
     * Every identity on record of each of these persons, in one statement (batch jobs price a page of persons at a
     * time); persons without identities are absent from the map. Each list in the order of {@link #held(Person)}.
     */
    public java.util.Map<Long, List<HeldIdentity>> heldByPerson(java.util.Collection<Long> personIds) {
        java.util.Map<Long, List<HeldIdentity>> held = new java.util.HashMap<>();
        if (personIds.isEmpty()) {
            return held;
        }
        em.createQuery("select s from SubsidyIdentity s where s.personId in :persons order by s.personId, s.validFrom, s.id",
                        SubsidyIdentity.class)
                .setParameter("persons", personIds).getResultList()
                .forEach(s -> held.computeIfAbsent(s.getPersonId(), k -> new ArrayList<>()).add(s.held()));
        return held;
    }

    private boolean knownInSomeCatalogue(String code) {
        return policies.list().stream().anyMatch(s -> policies.policy(s.policyId()).category(code).isPresent());
    }

    /** Every identity on record of these persons, by person, ordered as {@link #heldByPerson}, in one statement. */
    public static Map<Long, List<HeldIdentity>> held(Connection connection, Collection<Long> personIds) throws SQLException {
        Map<Long, List<HeldIdentity>> held = new HashMap<>();
        if (personIds.isEmpty()) {
            return held;
        }
        try (PreparedStatement select = connection.prepareStatement("select person_id, code, valid_from, valid_to"
                + " from canbao.subsidy_identity where person_id in (" + ChunkJdbc.placeholders(personIds.size()) + ")"
                + " order by person_id, valid_from, id")) {
            ChunkJdbc.bind(select, 1, personIds);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    held.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new HeldIdentity(r.getString(2),
                            r.getObject(3, LocalDate.class), r.getObject(4, LocalDate.class)));
                }
            }
        }
        return held;
    }

    /** An identity to be recorded in bulk (a roster's accepted rows), its id drawn from the entity's sequence. */
    public record NewIdentity(long id, long personId, String code, String certifyingDepartment, LocalDate validFrom,
                              LocalDate validTo, SubsidyIdentity.Source source, String evidence, String recordedBy,
                              java.time.OffsetDateTime recordedAt) {
    }

    /** A chunk's new identities as one JDBC batch on the chunk's connection. */
    public static void insert(Connection connection, List<NewIdentity> identities) throws SQLException {
        if (identities.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into canbao.subsidy_identity (id, person_id, code,"
                + " certifying_department, valid_from, valid_to, source, evidence, recorded_by, recorded_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NewIdentity i : identities) {
                ChunkJdbc.bind(insert, 1, java.util.Arrays.asList(i.id(), i.personId(), i.code(), i.certifyingDepartment(),
                        i.validFrom(), i.validTo(), i.source().name(), i.evidence(), i.recordedBy(), i.recordedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        cn.canbao.platform.boundary.ChangeFeed.recordAll(connection, null, identities.stream().map(NewIdentity::personId).toList(),
                cn.canbao.platform.boundary.ChangeFeed.Change.IDENTITY, identities.get(0).recordedAt());
    }

    /**
     * Revokes an identity (错统, or cancelled by a roster before it began): the row moves whole to
     * {@code subsidy_identity_revoked} with who, when and why, so that no quote, ledger or roster sees it again. A
     * payment frozen with its code is not touched (DOMAIN.md §3.2). Returns whether there was such an identity.
     */
    public static boolean revoke(Connection connection, long identityId, String actor, OffsetDateTime at, String reason)
            throws SQLException {
        try (PreparedStatement copy = connection.prepareStatement("insert into canbao.subsidy_identity_revoked (id, person_id,"
                + " code, certifying_department, valid_from, valid_to, source, evidence, recorded_by, recorded_at, revoked_by,"
                + " revoked_at, reason) select id, person_id, code, certifying_department, valid_from, valid_to, source, evidence,"
                + " recorded_by, recorded_at, ?, ?, ? from canbao.subsidy_identity where id = ?");
             PreparedStatement delete = connection.prepareStatement("delete from canbao.subsidy_identity where id = ?")) {
            copy.setString(1, actor);
            copy.setObject(2, at);
            copy.setString(3, reason.length() > 300 ? reason.substring(0, 300) : reason);
            copy.setLong(4, identityId);
            if (copy.executeUpdate() == 0) {
                return false;
            }
            delete.setLong(1, identityId);
            delete.executeUpdate();
            return true;
        }
    }

    /**
     * Ends an identity on a day (inclusive; the caller has checked that it is not before its start). Identities are
     * never changed in place: the row is superseded — moved whole to {@code subsidy_identity_revoked} with the reason —
     * and a copy ending on that day takes its place under a new id ({@code newId}).
     */
    public static void endOn(Connection connection, long identityId, LocalDate lastDay, long newId, String actor,
                             OffsetDateTime at, String reason) throws SQLException {
        replace(connection, identityId, null, lastDay, newId, actor, at, reason);
    }

    /** As {@link #endOn}, with both ends of the validity given. */
    private static void replace(Connection connection, long identityId, LocalDate from, LocalDate to, long newId, String actor,
                                OffsetDateTime at, String reason) throws SQLException {
        try (PreparedStatement copy = connection.prepareStatement("insert into canbao.subsidy_identity (id, person_id, code,"
                + " certifying_department, valid_from, valid_to, source, evidence, recorded_by, recorded_at)"
                + " select ?, person_id, code, certifying_department, coalesce(?, valid_from), ?, source, evidence, ?, ?"
                + " from canbao.subsidy_identity where id = ?")) {
            copy.setLong(1, newId);
            copy.setObject(2, from, java.sql.Types.DATE);
            copy.setObject(3, to, java.sql.Types.DATE);
            copy.setString(4, actor);
            copy.setObject(5, at);
            copy.setLong(6, identityId);
            copy.executeUpdate();
        }
        revoke(connection, identityId, actor, at, reason);
    }

    /** A revoked identity as the person's page and the API show it. */
    public record Revoked(long id, String code, String certifyingDepartment, LocalDate validFrom, LocalDate validTo,
                          String source, String revokedBy, OffsetDateTime revokedAt, String reason) {
    }

    /** The identities of a person revoked so far, newest first. */
    public List<Revoked> revoked(Person person) {
        List<Revoked> list = new ArrayList<>();
        for (Object o : em.createNativeQuery("select id, code, certifying_department, valid_from, valid_to, source, revoked_by,"
                + " revoked_at, reason from canbao.subsidy_identity_revoked where person_id = ?1 order by revoked_at desc, id desc")
                .setParameter(1, person.getId()).setMaxResults(100).getResultList()) {
            Object[] r = (Object[]) o;
            list.add(new Revoked(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    cn.canbao.platform.boundary.NativeValues.localDate(r[3]), cn.canbao.platform.boundary.NativeValues.localDate(r[4]),
                    (String) r[5], (String) r[6], offsetDateTime(r[7]), (String) r[8]));
        }
        return list;
    }

    /** A correction of an identity by hand (漏统/错统): revoke it, or move its validity, always with the reason. */
    public record Correction(@SaneDate LocalDate validFrom, @SaneDate LocalDate validTo,
                             @FitsColumn(value = "subsidy_identity_revoked.reason", lines = true) String reason) {
    }

    /**
     * Revokes an identity by hand (错统: the person never held it): 404 unknown, the person inside the caller's area,
     * a reason required; audited with the identity as it was. A frozen payment is not re-priced or refunded.
     */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public Revoked revoke(long identityId, String reason) {
        SubsidyIdentity identity = requireIdentity(identityId);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "撤销资助身份须注明原因", "a revocation needs its reason",
                    List.of(new FieldError("reason", "必填 / required")));
        }
        String before = json(identity);
        Long personId = identity.getPersonId();
        em.detach(identity);
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            revoke(ChunkJdbc.connection(em), identityId, audit.currentActor(), now, reason.trim());
        } catch (SQLException e) {
            throw ChunkJdbc.failed("identity " + identityId + " not revoked", e);
        }
        changeFeed.record(null, personId, cn.canbao.platform.boundary.ChangeFeed.Change.IDENTITY);
        audit.record("SUBSIDY_IDENTITY_REVOKED", "person", String.valueOf(personId), before, null, reason.trim());
        Person person = persons.byKey(personId);
        return revoked(person).stream().filter(r -> r.id() == identityId).findFirst().orElseThrow();
    }

    /**
     * Corrects an identity's validity by hand (漏统: it should have started earlier or run longer; 错统: it should have
     * ended): the new dates and the reason, audited before and after. The identity is not changed in place: it is
     * superseded (kept with the reason among the revoked) by a corrected copy under a new id, which is returned.
     * Refused: no reason, an end before the start.
     */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
    public SubsidyIdentity correct(long identityId, Correction c) {
        SubsidyIdentity identity = requireIdentity(identityId);
        List<FieldError> errors = new ArrayList<>();
        if (c == null || c.reason() == null || c.reason().isBlank()) {
            errors.add(new FieldError("reason", "必填 / required"));
        }
        LocalDate from = c == null || c.validFrom() == null ? identity.getValidFrom() : c.validFrom();
        LocalDate to = c == null ? identity.getValidTo() : c.validTo();
        if (to != null && to.isBefore(from)) {
            errors.add(new FieldError("validTo", "不能早于起始日 " + from + " / must not be before " + from));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "更正资助身份须注明原因，日期须有效", "a correction needs its reason and valid dates", errors);
        }
        String before = json(identity);
        Long personId = identity.getPersonId();
        em.detach(identity);
        long newId = ChunkJdbc.nextId(em, SubsidyIdentity.class);
        try {
            replace(ChunkJdbc.connection(em), identityId, from, to, newId, audit.currentActor(), OffsetDateTime.now(clock),
                    "更正 / corrected: " + c.reason().trim());
        } catch (SQLException e) {
            throw ChunkJdbc.failed("identity " + identityId + " not corrected", e);
        }
        SubsidyIdentity corrected = em.find(SubsidyIdentity.class, newId);
        changeFeed.record(null, personId, cn.canbao.platform.boundary.ChangeFeed.Change.IDENTITY);
        audit.record("SUBSIDY_IDENTITY_CORRECTED", "person", String.valueOf(personId), before, json(corrected), c.reason().trim());
        return corrected;
    }

    private SubsidyIdentity requireIdentity(long identityId) {
        SubsidyIdentity identity = em.find(SubsidyIdentity.class, identityId);
        if (identity == null) {
            throw ProblemException.notFound("IDENTITY_UNKNOWN", "未知的资助身份 " + identityId, "unknown subsidy identity " + identityId);
        }
        persons.byKey(identity.getPersonId());   // 404 outside the caller's area, as for the person
        return identity;
    }

    private static String json(SubsidyIdentity i) {
        return cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("identityId", i.getId()).add("code", i.getCode())
                .add("certifyingDepartment", i.getCertifyingDepartment()).add("validFrom", i.getValidFrom().toString())
                .add("validTo", i.getValidTo() == null ? "" : i.getValidTo().toString()).add("source", i.getSource().name())
                .build().toString();
    }

    private OffsetDateTime offsetDateTime(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        java.time.Instant instant = o instanceof java.sql.Timestamp t ? t.toInstant()
                : o instanceof java.time.Instant i ? i : java.time.Instant.parse(o.toString());
        return instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
