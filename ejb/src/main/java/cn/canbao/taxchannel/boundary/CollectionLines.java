package cn.canbao.taxchannel.boundary;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.collection.entity.Payment;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.BusinessClock;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.taxchannel.boundary.CollectionFile.Line;
import cn.canbao.taxchannel.control.DuplicateLines;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lines of a stored collection file, for the batch job {@code collection-import}: each line is taken exactly as
 * {@code POST /payments} takes a payment ({@link Payments#payCollected}: same checks, same frozen split, idempotent by
 * transaction id), counted for the line's tax office, and its outcome is reported once. Codes (API.md):
 * {@code UNKNOWN_PERSON, NAME_MISMATCH, AMOUNT_MISMATCH, WINDOW_CLOSED, ALREADY_PAID, EMPLOYEE_INSURED, DUPLICATE_LINE,
 * INVALID}. A line whose transaction id is already recorded with the same content is {@code REPLAYED}; one that this
 * very file recorded before a restart counts as it did the first time.
 */
@Stateless
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
public class CollectionLines {

    /** A stored file as the job reads it. */
    public record Stored(String format, Charset charset, byte[] content) {
    }

    /** What became of a line: ACCEPTED, REPLAYED or REJECTED with a code and what is wrong. */
    public record Outcome(int lineNumber, String transactionId, String maskedIdNumber, String outcome, String code,
                          String detail, BigDecimal amount, String channel, String taxOffice, java.time.LocalDate paidOn,
                          Long paymentId) implements Serializable {
    }

    private static final Set<String> WINDOW = Set.of("NOT_YET_OPEN", "WINDOW_CLOSED", "AFTER_FINAL_CUTOFF",
            "NO_BENEFIT_PERIOD", "PAID_IN_FUTURE");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

    @PersistenceContext
    EntityManager em;

    @Inject
    Payments payments;

    @Inject
    Persons persons;

    @Inject
    DuplicateLines duplicates;

    @Inject
    cn.canbao.subsidy.boundary.SubsidyIdentities identities;

    public Stored stored(long id) {
        Object[] r = (Object[]) em.createNativeQuery("select format, encoding, content from canbao.collection_file where id = ?1")
                .setParameter(1, id).getSingleResult();
        return new Stored((String) r[0], r[1] == null ? null : Charset.forName((String) r[1]),
                cn.canbao.platform.boundary.NativeValues.bytes(r[2]));
    }

    /** The data lines of a stored file (the control line checked at upload is left out). */
    public List<Line> lines(long id) {
        Stored s = stored(id);
        return CollectionFile.parse(s.format(), s.content(), s.charset()).lines();
    }

    /** The line numbers from {@code from} to {@code to} already reported (by an earlier run or chunk). */
    public Set<Integer> reported(long id, int from, int to) {
        Set<Integer> done = new HashSet<>();
        for (Object o : em.createNativeQuery("select line_number from canbao.collection_line where collection_id = ?1"
                + " and line_number between ?2 and ?3").setParameter(1, id).setParameter(2, from).setParameter(3, to).getResultList()) {
            done.add(((Number) o).intValue());
        }
        return done;
    }

    /**
     * Takes a chunk's lines: each exactly as {@link #take} takes it, the plain ones recorded together
     * ({@link Payments#payCollectedAll}: one transaction, JDBC batches), the rest singly. Never throws for a line's
     * content.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Outcome> takeAll(long collectionId, List<Line> lines) {
        Outcome[] outcomes = new Outcome[lines.size()];
        Payments.Submission[] submissions = new Payments.Submission[lines.size()];
        java.util.Map<Integer, String> numbers = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Object checked = check(line);
            if (checked instanceof Outcome refused) {
                outcomes[i] = refused;
                continue;
            }
            submissions[i] = (Payments.Submission) checked;
            try {
                numbers.put(i, cn.canbao.platform.entity.IdNumber.of(line.idNumber()).value());
            } catch (cn.canbao.platform.entity.IdNumber.InvalidIdNumberException invalid) {
                outcomes[i] = take(collectionId, line);   // answered as the single path answers it
            }
        }
        // the persons in one statement, for the name check
        java.util.Map<String, cn.canbao.subsidy.boundary.SubsidyIdentities.Holder> holders =
                identities.holdersByIdNumbers(new HashSet<>(numbers.values()));
        // visibility asked once per pair of regions, not once per line (each question walks the region tree)
        List<Integer> known = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (outcomes[i] == null && holders.containsKey(numbers.get(i))) {
                known.add(i);
            }
        }
        boolean[] visibleKnown = persons.callerMaySeeAll(known.stream().map(i -> holders.get(numbers.get(i)).person()).toList());
        Set<Integer> visible = new HashSet<>();
        for (int k = 0; k < known.size(); k++) {
            if (visibleKnown[k]) {
                visible.add(known.get(k));
            }
        }
        List<Integer> bulk = new java.util.ArrayList<>();
        java.util.Map<Integer, String> masks = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (outcomes[i] != null) {
                continue;
            }
            Line line = lines.get(i);
            var holder = holders.get(numbers.get(i));
            if (holder == null || !visible.contains(i)) {
                outcomes[i] = take(collectionId, line);   // UNKNOWN_PERSON, as the single path says it
                continue;
            }
            Person person = holder.person();
            if (!normalized(person.getName()).equals(normalized(line.name()))) {
                outcomes[i] = rejected(line, submissions[i].amount(), person.maskedIdNumber(), "NAME_MISMATCH", NAME_MISMATCH);
                continue;
            }
            masks.put(i, person.maskedIdNumber());
            bulk.add(i);
        }
        if (!bulk.isEmpty()) {
            List<Payments.Taken> taken = payments.payCollectedAll(bulk.stream().map(i -> submissions[i]).toList(),
                    bulk.stream().map(i -> lines.get(i).taxOffice().trim()).toList(), collectionId);
            for (int k = 0; k < bulk.size(); k++) {
                int i = bulk.get(k);
                Payments.Taken t = taken.get(k);
                Line line = lines.get(i);
                BigDecimal amount = submissions[i].amount();
                if (t.outcome() != null) {
                    outcomes[i] = paid(collectionId, line, t.outcome(), amount, masks.get(i));
                } else if (t.refusal() instanceof ProblemException p) {
                    outcomes[i] = refused(collectionId, line, submissions[i], amount, masks.get(i), p);
                } else {
                    throw t.refusal();
                }
            }
        }
        return List.of(outcomes);
    }

    /** Takes one line: a payment (each in its own transaction), a replay, or a problem. Never throws for a line's content. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Outcome take(long collectionId, Line line) {
        Object checked = check(line);
        if (checked instanceof Outcome refused) {
            return refused;
        }
        Payments.Submission submission = (Payments.Submission) checked;
        BigDecimal amount = submission.amount();
        String given = line.idNumber() == null ? null : line.idNumber().trim();
        String masked = given != null && given.length() == 18 ? cn.canbao.platform.entity.IdNumber.mask(given) : null;
        try {
            Person person = persons.byIdNumber(line.idNumber());
            masked = person.maskedIdNumber();
            if (!normalized(person.getName()).equals(normalized(line.name()))) {
                return rejected(line, amount, masked, "NAME_MISMATCH", NAME_MISMATCH);
            }
            Payments.Outcome paid = payments.payCollected(submission, line.taxOffice().trim(), collectionId);
            return paid(collectionId, line, paid, amount, masked);
        } catch (ProblemException p) {
            return refused(collectionId, line, submission, amount, masked, p);
        }
    }

    private static final String NAME_MISMATCH = "姓名与身份证号登记的姓名不符 / the name differs from the one registered for the ID number";

    /** The line's own checks: its submission, or its outcome when the line itself is wrong. */
    private static Object check(Line line) {
        BigDecimal amount = CollectionFile.amount(line.amount());
        if (line.repeated()) {
            return rejected(line, amount, null, "DUPLICATE_LINE", "流水号在本文件前面已出现 / the transaction id is on an earlier line of this file");
        }
        Payments.Submission submission;
        try {
            submission = new Payments.Submission(line.transactionId(), line.idNumber(), line.policyId(), tier(line.tier()),
                    amount, line.channel(), paidAt(line.paidAt()));
        } catch (IllegalArgumentException e) {
            return rejected(line, amount, null, "INVALID", e.getMessage());
        }
        if (line.taxOffice() == null || line.taxOffice().isBlank() || line.taxOffice().length() > 64) {
            return rejected(line, amount, null, "INVALID", "taxOffice 必填，至多64字 / taxOffice is required, at most 64 characters");
        }
        if (line.name() == null || line.name().isBlank()) {
            return rejected(line, amount, null, "INVALID", "name 必填 / name is required");
        }
        return submission;
    }

    /** A refused line; ALREADY_PAID records the money as a duplicate payment and opens its refund. */
    private Outcome refused(long collectionId, Line line, Payments.Submission submission, BigDecimal amount, String masked,
                            ProblemException p) {
        String code = p.code();
        if ("ALREADY_PAID".equals(code)) {
            DuplicateLines.Recorded d = duplicates.record(submission, line.taxOffice().trim(), collectionId);
            if (!d.created() && !Long.valueOf(collectionId).equals(d.payment().getCollectionId())) {
                return outcome(line, amount, masked, "REPLAYED", null, null, d.payment());
            }
            return outcome(line, amount, masked, "REJECTED", "ALREADY_PAID", alreadyPaid(d.refundId()), d.payment());
        }
        return rejected(line, amount, masked, code(code), detail(p));
    }

    /** What an ALREADY_PAID line's report says; the refund's number when it is known. */
    private static String alreadyPaid(Long refundId) {
        return refundId == null
                ? "本年度已缴费：记为重复缴费，已提交退费审核 / already paid for the year: recorded as a duplicate payment, refund opened for review"
                : "本年度已缴费：记为重复缴费，已提交退费审核（退费 " + refundId + "） / already paid for the year: recorded as a duplicate"
                + " payment, refund " + refundId + " opened for review";
    }

    /** Reports a chunk's outcomes in the chunk's transaction; lines already reported are left out. */
    public void record(long collectionId, List<Outcome> outcomes, Set<Integer> reported) {
        java.sql.Connection c = em.unwrap(java.sql.Connection.class);
        try (java.sql.PreparedStatement s = c.prepareStatement("insert into canbao.collection_line (collection_id, line_number,"
                + " transaction_id, id_number, outcome, code, detail, amount, channel, tax_office, paid_on, payment_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Outcome o : outcomes) {
                if (!reported.add(o.lineNumber())) {
                    continue;
                }
                s.setLong(1, collectionId);
                s.setInt(2, o.lineNumber());
                s.setString(3, clip(o.transactionId(), 64));
                s.setString(4, clip(o.maskedIdNumber(), 32));
                s.setString(5, o.outcome());
                s.setString(6, o.code());
                s.setString(7, clip(o.detail(), 300));
                s.setBigDecimal(8, o.amount());
                s.setString(9, clip(o.channel(), 20));
                s.setString(10, clip(o.taxOffice(), 64));
                s.setObject(11, o.paidOn());
                s.setObject(12, o.paymentId());
                s.addBatch();
                n++;
            }
            if (n > 0) {
                s.executeBatch();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("collection lines not recorded: " + e.getMessage(), e);
        }
    }

    private Outcome paid(long collectionId, Line line, Payments.Outcome paid, BigDecimal amount, String masked) {
        Payment p = paid.payment();
        if (paid.created() || (Long.valueOf(collectionId).equals(p.getCollectionId()) && p.getKind() == Payment.Kind.PAYMENT)) {
            return outcome(line, amount, masked, "ACCEPTED", null, null, p);
        }
        if (p.getKind() == Payment.Kind.DUPLICATE && Long.valueOf(collectionId).equals(p.getCollectionId())) {
            return outcome(line, amount, masked, "REJECTED", "ALREADY_PAID", alreadyPaid(null), p);
        }
        if (amount == null || p.getAmount().compareTo(amount) != 0 || p.getTier() != tier(line.tier())) {
            return rejected(line, amount, masked, "INVALID", "流水号已用于另一笔缴费（档次或金额不同） / the transaction id belongs to a payment of another tier or amount");
        }
        return outcome(line, amount, masked, "REPLAYED", null, null, p);
    }

    private static Outcome outcome(Line line, BigDecimal amount, String masked, String outcome, String code, String detail, Payment p) {
        return new Outcome(line.number(), line.transactionId(), masked, outcome, code, detail, amount, line.channel(),
                line.taxOffice(), p != null ? p.getBusinessDate() : paidOn(line.paidAt()), p == null ? null : p.getId());
    }

    /** The day (China time) the tax side says the line was paid, for reconciliation; null when it cannot be read. */
    private static java.time.LocalDate paidOn(String paidAt) {
        try {
            return paidAt(paidAt).atZoneSameInstant(BusinessClock.CHINA).toLocalDate();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static Outcome rejected(Line line, BigDecimal amount, String masked, String code, String detail) {
        return outcome(line, amount, masked, "REJECTED", code, detail, null);
    }

    /** A payment's refusal code as a collection problem code; the refusal's own code stays in the detail. */
    static String code(String refusal) {
        return switch (refusal) {
            case "PERSON_UNKNOWN" -> "UNKNOWN_PERSON";
            case "WRONG_AMOUNT" -> "AMOUNT_MISMATCH";
            case "EMPLOYEE_INSURED", "ALREADY_PAID" -> refusal;
            default -> WINDOW.contains(refusal) ? "WINDOW_CLOSED" : "INVALID";
        };
    }

    private static String detail(ProblemException p) {
        // the field errors' own words only where they add to the message; a field's parameter name is not for a clerk
        List<String> extra = p.errors() == null ? List.of() : p.errors().stream().map(e -> e.message())
                .filter(m -> m != null && !m.isBlank() && !p.getMessage().contains(m.split(" / ")[0])).toList();
        return p.code() + ": " + p.getMessage() + (extra.isEmpty() ? "" : "（" + String.join("；", extra) + "）");
    }

    private static Integer tier(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("tier 必填 / tier is required");
        }
        if (!text.trim().matches("[0-9]{1,2}")) {
            throw new IllegalArgumentException("tier 须为整数 / tier must be a whole number: " + clip(text, 20));
        }
        return Integer.valueOf(text.trim());
    }

    /** ISO-8601 with an offset, or a local date and time in China ("2024-11-20 09:30:00", as the tax exports write it). */
    static OffsetDateTime paidAt(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("paidAt 必填 / paidAt is required");
        }
        String t = text.trim();
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(t);
        } catch (DateTimeParseException notIso) {
            try {
                at = LocalDateTime.parse(t, LOCAL).atZone(BusinessClock.CHINA).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("paidAt 须为 ISO-8601 时间或 yyyy-MM-dd HH:mm:ss / paidAt must be ISO-8601 or yyyy-MM-dd HH:mm:ss: " + clip(t, 40));
            }
        }
        if (at.getYear() < 1900 || at.getYear() > 2199) {
            throw new IllegalArgumentException("paidAt 须在 1900 至 2199 年之间 / paidAt must lie between 1900 and 2199: " + clip(t, 40));
        }
        return at;
    }

    private static String normalized(String name) {
        return name == null ? "" : name.replaceAll("[\\s\\u3000·•]", "");
    }

    private static String clip(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}
