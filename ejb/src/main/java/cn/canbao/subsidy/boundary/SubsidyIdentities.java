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
}
