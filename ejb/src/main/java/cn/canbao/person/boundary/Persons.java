package cn.canbao.person.boundary;

import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import jakarta.annotation.security.PermitAll;
import cn.canbao.person.entity.DocumentType;
import cn.canbao.person.entity.Household;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Residents as the counter registers them (参保登记 of the person): one at a time or a whole household at once.
 * A clerk registers only residents whose household registration lies in their own village; a town officer in
 * their town, a district admin in the district.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX,
        Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class Persons {

    /** What the counter enters for a new resident (../shared/spec/API.md, POST /persons). */
    public record Registration(@FitsColumn("person.id_number") String idNumber, @FitsColumn("person.name") String name,
                               @FitsColumn("person.gender") String gender,
                               @FitsColumn("region.code") String householdRegionCode,
                               @FitsColumn("region.code") String residenceRegionCode,
                               @FitsColumn("person.resident_type") String residentType,
                               @FitsColumn("person.id_number") String guardianIdNumber) {
    }

    /** The most members one household registration may carry. */
    public static final int MAX_MEMBERS = 50;

    /** A household and its members, registered together or not at all. */
    public record HouseholdRegistration(@FitsColumn("household.household_number") String householdNumber,
                                        @FitsColumn("region.code") String regionCode,
                                        @FitsColumn("household.address") String address,
                                        @Size(max = MAX_MEMBERS, message = "一户至多 {max} 人 / at most {max} members")
                                        List<@Valid Registration> members) {
    }

    /**
     * Fired (synchronously, in the registration's transaction) once the persons of a registration are written and
     * audited: one person, or a household's members. Components above this one act on a registration without this
     * one knowing them (the newborn's cover through its insured guardian, decision 49); an observer that throws
     * refuses the registration, so observers answer their own conditions with queries and do not throw.
     */
    public record Registered(List<Person> persons) {
    }

    /** A page of a search: the persons on it and how many matched in all. */
    public record Found(List<Person> persons, long total) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Regions regions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<Registered> registeredEvent;

    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
    public Person register(Registration registration) {
        return register(registration, null);
    }

    /** {@link #register(Registration)} with the phone number the counter took down, in the same transaction. */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
    public Person register(Registration registration, String phone) {
        String checkedPhone = checkedPhone(phone, "phone");
        Person person = newPerson(registration, null, Map.of());
        person.changePhone(checkedPhone);
        em.persist(person);
        flushOrConflict(person.getIdNumber());
        audit.record("PERSON_REGISTERED", "person", String.valueOf(person.getId()), null, auditJson(person), person.maskedIdNumber());
        registeredEvent.fire(new Registered(List.of(person)));
        return person;
    }

    /**
     * Registers a household and all its members in one transaction: any refused member refuses the whole household,
     * with the member named ({@code members[2].idNumber}). A member's guardian may be another member of the list.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
    public List<Person> registerHousehold(HouseholdRegistration registration) {
        if (registration == null || registration.members() == null || registration.members().isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "户内成员不能为空", "a household needs at least one member",
                    List.of(new FieldError("members", "必填 / required")));
        }
        Region region = requireVillageInArea(registration.regionCode(), "regionCode");
        Household household = new Household(blankToNull(registration.householdNumber()), region.getCode(),
                blankToNull(registration.address()), OffsetDateTime.now(clock));
        em.persist(household);
        Map<String, Person> members = new HashMap<>();
        List<Person> registered = new ArrayList<>();
        for (int i = 0; i < registration.members().size(); i++) {
            Registration member = registration.members().get(i);
            Person person;
            try {
                person = newPerson(member, household, members);
            } catch (ProblemException refused) {
                throw named(refused, "members[" + i + "]");
            }
            if (members.putIfAbsent(person.getIdNumber(), person) != null) {
                throw new ProblemException(ProblemException.Kind.CONFLICT, "PERSON_EXISTS",
                        "同一身份证号码在本户中出现两次：第" + (i + 1) + "人", "the same ID number appears twice in the household: member " + i,
                        List.of(new FieldError("members[" + i + "].idNumber", "重复 / duplicate")));
            }
            person.joinHousehold(household);
            em.persist(person);
            registered.add(person);
        }
        flushOrConflict(null);
        audit.record("HOUSEHOLD_REGISTERED", "household", String.valueOf(household.getId()), null,
                cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("regionCode", household.getRegionCode())
                        .add("members", registered.size()).build().toString(), null);
        for (Person person : registered) {
            audit.record("PERSON_REGISTERED", "person", String.valueOf(person.getId()), null, auditJson(person), person.maskedIdNumber());
        }
        registeredEvent.fire(new Registered(List.copyOf(registered)));
        return registered;
    }

    /** The person with this resident ID number, if the caller may see them; 404 otherwise. */
    public Person byIdNumber(String idNumber) {
        IdNumber id = parseId(idNumber);
        Person person = find(id).orElseThrow(() -> unknown(id.masked()));
        requireVisible(person);
        return person;
    }

    /**
     * Persons registered in the caller's area whose ID number starts with {@code query} (digits) or whose name
     * contains it, and the members of the household whose number it is; an empty query lists them all. Ordered by
     * name, a page at a time.
     */
    public Found search(String query, int first, int max) {
        List<String> villages = regions.visibleVillages();
        if (villages.isEmpty()) {
            return new Found(List.of(), 0);
        }
        String q = query == null ? "" : query.trim();
        String household = " or p.household in (select h from Household h where h.householdNumber = :household)";
        String condition = q.isEmpty() ? "" : q.matches("[0-9]{1,17}[0-9Xx]?") ? " and (p.idNumber like :q escape '!'" + household + ")"
                : " and (p.name like :q escape '!'" + household + ")";
        String pattern = likeEscaped(q.toUpperCase(Locale.ROOT));
        var count = em.createQuery("select count(p) from Person p where p.householdRegionCode in :villages" + condition, Long.class)
                .setParameter("villages", villages);
        var page = em.createQuery("select p from Person p where p.householdRegionCode in :villages" + condition
                        + " order by p.name, p.id", Person.class)
                .setParameter("villages", villages).setFirstResult(Math.max(first, 0)).setMaxResults(Math.max(max, 1));
        if (!q.isEmpty()) {
            String like = q.matches("[0-9]{1,17}[0-9Xx]?") ? pattern + "%" : "%" + likeEscaped(q) + "%";
            count.setParameter("q", like).setParameter("household", q);
            page.setParameter("q", like).setParameter("household", q);
        }
        return new Found(page.getResultList(), count.getSingleResult());
    }

    /** At most this many characters in a household's address (household.address). */
    static final int ADDRESS_MAX = 200;
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("[0-9+\\- ]{5,20}");

    /**
     * The counter corrects a resident's phone number and, for a resident in a registered household, the household's
     * address; blank clears. Audited with the values before and after; the person must be in the caller's area.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Person updateContact(Long personId, String phone, String address) {
        Person person = byKey(personId);
        String newPhone = checkedPhone(phone, "phone");
        String newAddress = blankToNull(address);
        if (newAddress != null) {
            newAddress = newAddress.trim();
            if (person.getHousehold() == null) {
                throw ProblemException.badRequest("INVALID_INPUT", "该参保人未登记家庭，住址记在家庭登记上",
                        "the resident is in no registered household; an address belongs to a household",
                        List.of(new FieldError("address", "无家庭 / no household")));
            }
            if (newAddress.length() > ADDRESS_MAX || newAddress.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.badRequest("INVALID_INPUT", "住址至多 " + ADDRESS_MAX + " 字，且不含控制字符",
                        "an address has at most " + ADDRESS_MAX + " characters and no control characters",
                        List.of(new FieldError("address", "至多 " + ADDRESS_MAX + " 字 / at most " + ADDRESS_MAX + " characters")));
            }
        }
        JsonObjectBuilder before = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder();
        JsonObjectBuilder after = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder();
        addOrNull(before, "phone", person.getPhone());
        addOrNull(after, "phone", newPhone);
        person.changePhone(newPhone);
        if (person.getHousehold() != null) {
            addOrNull(before, "address", person.getHousehold().getAddress());
            addOrNull(after, "address", newAddress);
            person.getHousehold().changeAddress(newAddress);
        }
        audit.record("PERSON_CONTACT_CHANGED", "person", String.valueOf(person.getId()), before.build().toString(),
                after.build().toString(), person.maskedIdNumber());
        return person;
    }

    private static void addOrNull(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    /** A phone number as typed: null when blank; 5 to 20 digits, +, - or spaces; 400 naming {@code field} otherwise. */
    static String checkedPhone(String phone, String field) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String trimmed = phone.trim();
        if (!PHONE.matcher(trimmed).matches()) {
            throw ProblemException.badRequest("INVALID_INPUT", "电话号码只能由 5 至 20 位数字、+、- 或空格组成",
                    "a phone number has 5 to 20 digits, +, - or spaces", List.of(new FieldError(field, "5–20 位数字 / 5–20 digits")));
        }
        return trimmed;
    }

    /** The person with this database id, if the caller may see them (the screens link persons by it, not by ID number). */
    public Person byKey(Long personId) {
        Person person = personId == null ? null : em.find(Person.class, personId);
        if (person == null) {
            throw ProblemException.notFound("PERSON_UNKNOWN", "未登记的参保人", "no such person");
        }
        requireVisible(person);
        return person;
    }

    /** {@code text} for a LIKE pattern with escape character {@code !}: its own %, _ and ! taken literally. */
    public static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The person without the caller's area check; for other components' own checks. */
    public Optional<Person> find(IdNumber idNumber) {
        return em.createNamedQuery(Person.BY_DOCUMENT, Person.class)
                .setParameter("type", DocumentType.RESIDENT_ID)
                .setParameter("number", idNumber.value())
                .getResultStream().findFirst();
    }

    public List<Person> members(Household household) {
        return em.createNamedQuery(Person.BY_HOUSEHOLD, Person.class).setParameter("household", household.getId()).getResultList();
    }

    /** Whether the caller's area contains the person's household or residence region. */
    /**
     * {@link #callerMaySee} for many persons in one call, each pair of household and residence region asked once (a
     * bulk payment's persons live in a few villages; each question walks the region tree).
     */
    public boolean[] callerMaySeeAll(List<Person> many) {
        boolean[] visible = new boolean[many.size()];
        java.util.Map<String, Boolean> byRegions = new java.util.HashMap<>();
        for (int i = 0; i < visible.length; i++) {
            Person p = many.get(i);
            visible[i] = byRegions.computeIfAbsent(p.getHouseholdRegionCode() + "|" + p.getResidenceRegionCode(), k -> callerMaySee(p));
        }
        return visible;
    }

    public boolean callerMaySee(Person person) {
        return regions.callerMaySee(person.getHouseholdRegionCode())
                || (person.getResidenceRegionCode() != null && regions.callerMaySee(person.getResidenceRegionCode()));
    }

    /**
     * A person outside the caller's area is answered exactly as one never registered (404 PERSON_UNKNOWN): whether an
     * ID number is on record elsewhere is not the caller's to learn.
     */
    public void requireVisible(Person person) {
        if (!callerMaySee(person)) {
            throw unknown(person.maskedIdNumber());
        }
    }

    private static ProblemException unknown(String maskedIdNumber) {
        return ProblemException.notFound("PERSON_UNKNOWN", "未登记的参保人 " + maskedIdNumber,
                "no person registered with ID number " + maskedIdNumber);
    }

    /** A resident ID number from user input; 422 naming what is wrong. */
    public static IdNumber parseId(String text) {
        try {
            return IdNumber.of(text);
        } catch (IdNumber.InvalidIdNumberException e) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "INVALID_ID_NUMBER",
                    "身份证号码无效：" + e.messageZh(), "invalid ID number: " + e.messageEn(),
                    List.of(new FieldError("idNumber", e.messageZh() + " / " + e.messageEn())));
        }
    }

    public static String auditJson(Person p) {
        JsonObjectBuilder b = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("id", p.getId() == null ? 0 : p.getId())
                .add("documentType", p.getDocumentType().name())
                .add("idNumber", p.getIdNumber())
                .add("name", p.getName())
                .add("gender", p.getGender().name())
                .add("birthDate", p.getBirthDate().toString())
                .add("householdRegionCode", p.getHouseholdRegionCode())
                .add("residentType", p.getResidentType().name())
                .add("employeeInsured", p.isEmployeeInsured());
        if (p.getResidenceRegionCode() != null) {
            b.add("residenceRegionCode", p.getResidenceRegionCode());
        }
        if (p.getGuardian() != null) {
            b.add("guardianId", p.getGuardian().getId());
        }
        if (p.getHousehold() != null) {
            b.add("householdId", p.getHousehold().getId());
        }
        return b.build().toString();
    }

    private Person newPerson(Registration r, Household household, Map<String, Person> sameRequest) {
        if (r == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        if (r.idNumber() == null || r.idNumber().isBlank()) {
            errors.add(new FieldError("idNumber", "必填 / required"));
        }
        if (r.name() == null || r.name().isBlank()) {
            errors.add(new FieldError("name", "必填 / required"));
        } else if (r.name().trim().length() > 100) {
            errors.add(new FieldError("name", "不超过100个字符 / at most 100 characters"));
        }
        if (household == null && (r.householdRegionCode() == null || r.householdRegionCode().isBlank())) {
            errors.add(new FieldError("householdRegionCode", "必填 / required"));
        }
        ResidentType type = ResidentType.RESIDENT;
        if (r.residentType() == null || r.residentType().isBlank()) {
            errors.add(new FieldError("residentType", "必填：RESIDENT | PUPIL | COLLEGE_STUDENT | NEWBORN / required"));
        } else {
            try {
                type = ResidentType.valueOf(r.residentType().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("residentType", "应为 RESIDENT | PUPIL | COLLEGE_STUDENT | NEWBORN / must be one of these"));
            }
        }
        Person.Gender gender = null;
        if (r.gender() != null && !r.gender().isBlank()) {
            try {
                gender = Person.Gender.valueOf(r.gender().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("gender", "应为 MALE | FEMALE / must be MALE or FEMALE"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "参保人信息不完整或格式错误", "incomplete or malformed person", errors);
        }
        LocalDate today = LocalDate.now(clock);
        IdNumber id = parseId(r.idNumber());
        try {
            id.requireBornBy(today);
        } catch (IdNumber.InvalidIdNumberException e) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "INVALID_ID_NUMBER",
                    "身份证号码无效：" + e.messageZh(), "invalid ID number: " + e.messageEn(),
                    List.of(new FieldError("idNumber", e.messageZh() + " / " + e.messageEn())));
        }
        if (gender != null && !gender.name().equals(id.gender().name())) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "GENDER_MISMATCH",
                    "性别与身份证号码第17位不符", "gender does not match the 17th digit of the ID number",
                    List.of(new FieldError("gender", "应为 " + id.gender() + " / must be " + id.gender())));
        }
        String householdRegion = household != null && (r.householdRegionCode() == null || r.householdRegionCode().isBlank())
                ? household.getRegionCode() : r.householdRegionCode().trim();
        Region region = requireVillageInArea(householdRegion, "householdRegionCode");
        String residence = blankToNull(r.residenceRegionCode());
        if (residence != null && regions.find(residence).isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "REGION_UNKNOWN",
                    "未知的居住地区划代码 " + residence, "unknown residence region code " + residence,
                    List.of(new FieldError("residenceRegionCode", "未知 / unknown")));
        }
        if (find(id).isPresent()) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "PERSON_EXISTS",
                    "参保人 " + id.masked() + " 已登记", "person " + id.masked() + " is already registered",
                    List.of(new FieldError("idNumber", "已登记 / already registered")));
        }
        Person person = new Person(id, r.name(), region.getCode(), residence, type, OffsetDateTime.now(clock));
        String guardianText = blankToNull(r.guardianIdNumber());
        if (guardianText != null) {
            IdNumber guardianId;
            try {
                guardianId = IdNumber.of(guardianText);
            } catch (IdNumber.InvalidIdNumberException e) {
                throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "INVALID_ID_NUMBER",
                        "监护人身份证号码无效：" + e.messageZh(), "invalid guardian ID number: " + e.messageEn(),
                        List.of(new FieldError("guardianIdNumber", e.messageZh() + " / " + e.messageEn())));
            }
            Person guardian = sameRequest.containsKey(guardianId.value()) ? sameRequest.get(guardianId.value())
                    : find(guardianId).orElseThrow(() -> new ProblemException(ProblemException.Kind.UNPROCESSABLE,
                    "GUARDIAN_UNKNOWN", "监护人 " + guardianId.masked() + " 尚未登记，请先登记监护人",
                    "guardian " + guardianId.masked() + " is not registered; register the guardian first",
                    List.of(new FieldError("guardianIdNumber", "未登记 / not registered"))));
            try {
                person.assignGuardian(guardian);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "GUARDIAN_INVALID",
                        "监护人不能是本人", "a person cannot be their own guardian",
                        List.of(new FieldError("guardianIdNumber", "不能是本人 / must differ from idNumber")));
            }
        }
        return person;
    }

    /** The village a person is registered under: known, a village, and inside the caller's area. */
    private Region requireVillageInArea(String code, String field) {
        String trimmed = code == null ? null : code.trim();
        Region region = regions.find(trimmed).orElseThrow(() -> new ProblemException(ProblemException.Kind.UNPROCESSABLE,
                "REGION_UNKNOWN", "未知的行政区划代码 " + trimmed, "unknown region code " + trimmed,
                List.of(new FieldError(field, "未知 / unknown"))));
        if (region.getLevel() != RegionLevel.VILLAGE) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "REGION_NOT_VILLAGE",
                    "户籍地须为村（社区）级区划，" + trimmed + " 是" + region.getName(),
                    "the household region must be a village or community; " + trimmed + " is a " + region.getLevel(),
                    List.of(new FieldError(field, "须为村（社区） / must be a village")));
        }
        if (!regions.callerMaySee(region.getCode())) {
            throw new ProblemException(ProblemException.Kind.FORBIDDEN, "REGION_NOT_IN_AREA",
                    "只能登记本辖区的居民，" + region.getName() + "（" + trimmed + "）不在您的辖区",
                    "you may register residents of your own area only; " + trimmed + " is outside it",
                    List.of(new FieldError(field, "不在辖区 / outside your area")));
        }
        return region;
    }

    /** Two clerks registering the same person at once: the unique constraint decides, the loser gets a 409. */
    private void flushOrConflict(String idNumber) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e, null)) {
                throw ProblemException.conflict("PERSON_EXISTS", "参保人已登记（并发登记）",
                        "the person was registered meanwhile" + (idNumber == null ? "" : ": " + IdNumber.of(idNumber).masked()));
            }
            throw e;
        }
    }

    private static ProblemException named(ProblemException refused, String prefix) {
        List<FieldError> errors = refused.errors().isEmpty() ? List.of(new FieldError(prefix, refused.getMessage()))
                : refused.errors().stream().map(e -> new FieldError(prefix + "." + e.field(), e.message())).toList();
        String[] parts = refused.getMessage().split(" / ", 2);
        return new ProblemException(refused.kind(), refused.code(), prefix + "：" + parts[0],
                prefix + ": " + (parts.length > 1 ? parts[1] : parts[0]), errors);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * The resident ID numbers registered in a household region after {@code after}, ascending, at most {@code max}: one
     * side of the household comparison's merge of a village's numbers (index (household_region_code, id_number)).
     */
    @PermitAll
    public List<String> residentNumbersAfter(String householdRegionCode, String after, int max) {
        @SuppressWarnings("unchecked")
        List<Object> numbers = em.createNativeQuery("select id_number from canbao.person where household_region_code = ?1"
                        + " and document_type = ?2 and id_number > ?3 order by id_number")
                .setParameter(1, householdRegionCode).setParameter(2, DocumentType.RESIDENT_ID.name()).setParameter(3, after)
                .setMaxResults(max).getResultList();
        return numbers.stream().map(String::valueOf).toList();
    }
}
