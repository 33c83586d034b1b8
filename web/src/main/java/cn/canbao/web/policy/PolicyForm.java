package cn.canbao.web.policy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;

import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy document as the district administrator's form edits it (docs/policy-format.md "Editing as a form"):
 * general fields, tiers, windows and catalogue rows as typed cells, every other rule as a JSON fragment per member.
 * {@link #compose()} writes the edits into the document it was read from, so whatever the form does not know
 * (members of the document and of its rows) comes back unchanged. No validation here: the composed document goes
 * through {@code Policies.put} like a pasted one.
 */
public class PolicyForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The members edited as JSON fragments, in the order the form shows them. */
    static final List<String> RULE_MEMBERS = List.of("exemptions", "newborn", "college", "targetCounting", "continuity",
            "incentive", "milestones", "villageScoring", "reporting", "notes");

    private static final Pattern COVER = Pattern.compile("(PAYMENT_DATE_PLUS_(?:DAYS|MONTHS))\\((\\d+)\\)");

    /** A rule fragment that is not JSON: the member and the parser's words. */
    public static final class FragmentException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String member;

        FragmentException(String member, String message) {
            super(message);
            this.member = member;
        }

        public String member() {
            return member;
        }
    }

    public static class TierRow implements Serializable {
        private static final long serialVersionUID = 1L;
        int source = -1;
        private Integer tier;
        private BigDecimal residentStandard;
        private BigDecimal collegeStandard;

        public Integer getTier() { return tier; }
        public void setTier(Integer tier) { this.tier = tier; }
        public BigDecimal getResidentStandard() { return residentStandard; }
        public void setResidentStandard(BigDecimal v) { this.residentStandard = v; }
        public BigDecimal getCollegeStandard() { return collegeStandard; }
        public void setCollegeStandard(BigDecimal v) { this.collegeStandard = v; }
    }

    public static class WindowRow implements Serializable {
        private static final long serialVersionUID = 1L;
        int source = -1;
        private String name;
        private LocalDate from;
        private LocalDate to;
        private boolean paymentAllowed = true;
        private String priceMode = "STANDARD";
        /** {@code YEAR_START}, …, {@code PAYMENT_DATE_PLUS_DAYS}: the cover rule without its number. */
        private String coverKind = "PAYMENT_DATE";
        private Integer coverAmount;
        private LocalDate coverEnd;
        private String description;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public LocalDate getFrom() { return from; }
        public void setFrom(LocalDate from) { this.from = from; }
        public LocalDate getTo() { return to; }
        public void setTo(LocalDate to) { this.to = to; }
        public boolean isPaymentAllowed() { return paymentAllowed; }
        public void setPaymentAllowed(boolean v) { this.paymentAllowed = v; }
        public String getPriceMode() { return priceMode; }
        public void setPriceMode(String v) { this.priceMode = v; }
        public String getCoverKind() { return coverKind; }
        public void setCoverKind(String v) { this.coverKind = v; }
        public Integer getCoverAmount() { return coverAmount; }
        public void setCoverAmount(Integer v) { this.coverAmount = v; }
        public LocalDate getCoverEnd() { return coverEnd; }
        public void setCoverEnd(LocalDate v) { this.coverEnd = v; }
        public String getDescription() { return description; }
        public void setDescription(String v) { this.description = v; }
        /** True for the cover rules that take a number of days or months. */
        public boolean isCoverCounted() { return coverKind != null && coverKind.startsWith("PAYMENT_DATE_PLUS_"); }

        String coverStart() {
            if (coverKind == null || coverKind.isBlank()) {
                return null;
            }
            return isCoverCounted() ? coverKind + "(" + (coverAmount == null ? "" : coverAmount) + ")" : coverKind;
        }
    }

    public static class AmountRow implements Serializable {
        private static final long serialVersionUID = 1L;
        int source = -1;
        private Integer tier;
        private BigDecimal subsidy;
        private BigDecimal personal;

        public Integer getTier() { return tier; }
        public void setTier(Integer tier) { this.tier = tier; }
        public BigDecimal getSubsidy() { return subsidy; }
        public void setSubsidy(BigDecimal v) { this.subsidy = v; }
        public BigDecimal getPersonal() { return personal; }
        public void setPersonal(BigDecimal v) { this.personal = v; }
    }

    public static class CategoryRow implements Serializable {
        private static final long serialVersionUID = 1L;
        int source = -1;
        private String code;
        private String name;
        private String certifyingDepartment;
        private String fundingDepartment;
        private LocalDate validFrom;
        private LocalDate validTo;
        private boolean college;
        private final List<AmountRow> amounts = new ArrayList<>();

        public String getCode() { return code; }
        public void setCode(String v) { this.code = v; }
        public String getName() { return name; }
        public void setName(String v) { this.name = v; }
        public String getCertifyingDepartment() { return certifyingDepartment; }
        public void setCertifyingDepartment(String v) { this.certifyingDepartment = v; }
        public String getFundingDepartment() { return fundingDepartment; }
        public void setFundingDepartment(String v) { this.fundingDepartment = v; }
        public LocalDate getValidFrom() { return validFrom; }
        public void setValidFrom(LocalDate v) { this.validFrom = v; }
        public LocalDate getValidTo() { return validTo; }
        public void setValidTo(LocalDate v) { this.validTo = v; }
        public boolean isCollege() { return college; }
        public void setCollege(boolean v) { this.college = v; }
        public List<AmountRow> getAmounts() { return amounts; }
    }

    public static class RuleText implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String member;
        private String text;

        RuleText(String member, String text) {
            this.member = member;
            this.text = text;
        }

        public String getMember() { return member; }
        public String getText() { return text; }
        public void setText(String v) { this.text = v; }
    }

    /** The document the form was read from; compose() starts from it. Kept as text: JSON-P values are not Serializable. */
    private final String source;
    private final String policyId;
    private final Integer insuranceYear;
    private String name;
    private BigDecimal fiscalSubsidy;
    private LocalDate finalCutoff;
    private final List<TierRow> tiers = new ArrayList<>();
    private final List<WindowRow> windows = new ArrayList<>();
    private final List<CategoryRow> catalogue = new ArrayList<>();
    private final List<RuleText> rules = new ArrayList<>();

    private PolicyForm(String source, JsonObject document) {
        this.source = source;
        this.policyId = text(document, "policyId");
        this.insuranceYear = document.get("insuranceYear") instanceof JsonNumber n ? n.intValue() : null;
        this.name = text(document, "name");
        this.fiscalSubsidy = money(document, "fiscalSubsidy");
        this.finalCutoff = date(document, "finalCutoff");
        JsonArray tierArray = array(document, "tiers");
        for (int i = 0; i < tierArray.size(); i++) {
            JsonObject t = tierArray.getJsonObject(i);
            TierRow row = new TierRow();
            row.source = i;
            row.tier = integer(t, "tier");
            row.residentStandard = money(t, "residentStandard");
            row.collegeStandard = money(t, "collegeStandard");
            tiers.add(row);
        }
        JsonArray windowArray = array(document, "windows");
        for (int i = 0; i < windowArray.size(); i++) {
            JsonObject w = windowArray.getJsonObject(i);
            WindowRow row = new WindowRow();
            row.source = i;
            row.name = text(w, "name");
            row.from = date(w, "from");
            row.to = date(w, "to");
            row.paymentAllowed = w.get("paymentAllowed") != JsonValue.FALSE;
            row.priceMode = text(w, "priceMode");
            String cover = text(w, "coverStart");
            Matcher counted = cover == null ? null : COVER.matcher(cover);
            if (counted != null && counted.matches()) {
                row.coverKind = counted.group(1);
                row.coverAmount = Integer.valueOf(counted.group(2));
            } else {
                row.coverKind = cover;
            }
            row.coverEnd = date(w, "coverEnd");
            row.description = text(w, "description");
            windows.add(row);
        }
        JsonArray categoryArray = array(document, "catalogue");
        for (int i = 0; i < categoryArray.size(); i++) {
            JsonObject c = categoryArray.getJsonObject(i);
            CategoryRow row = new CategoryRow();
            row.source = i;
            row.code = text(c, "code");
            row.name = text(c, "name");
            row.certifyingDepartment = text(c, "certifyingDepartment");
            row.fundingDepartment = text(c, "fundingDepartment");
            row.validFrom = date(c, "validFrom");
            row.validTo = date(c, "validTo");
            row.college = c.get("college") == JsonValue.TRUE;
            JsonArray amountArray = array(c, "amounts");
            for (int j = 0; j < amountArray.size(); j++) {
                JsonObject a = amountArray.getJsonObject(j);
                AmountRow amount = new AmountRow();
                amount.source = j;
                amount.tier = integer(a, "tier");
                amount.subsidy = money(a, "subsidy");
                amount.personal = money(a, "personal");
                row.amounts.add(amount);
            }
            catalogue.add(row);
        }
        for (String member : RULE_MEMBERS) {
            JsonValue value = document.get(member);
            rules.add(new RuleText(member, value == null ? "" : pretty(value)));
        }
    }

    /**
     * The form of a document; null when it is not a JSON object of the policy's shape (the JSON tab then stays the
     * only way to edit it).
     */
    public static PolicyForm read(String document) {
        if (document == null || document.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(document))) {
            return new PolicyForm(document, reader.readObject());
        } catch (RuntimeException notAPolicyShape) {
            return null;
        }
    }

    /** The document read, with the form's edits written in: members and row members the form does not know survive. */
    public String compose() throws FragmentException {
        JsonObject original;
        try (JsonReader reader = Json.createReader(new StringReader(source))) {
            original = reader.readObject();
        }
        JsonObjectBuilder b = Json.createObjectBuilder(original);
        b.add("name", nullable(name));
        b.add("fiscalSubsidy", money(fiscalSubsidy));
        b.add("finalCutoff", nullable(finalCutoff));

        JsonArray oldTiers = array(original, "tiers");
        JsonArrayBuilder tierArray = Json.createArrayBuilder();
        for (TierRow row : tiers) {
            tierArray.add(base(oldTiers, row.source)
                    .add("tier", row.tier == null ? JsonValue.NULL : Json.createValue(row.tier))
                    .add("residentStandard", money(row.residentStandard))
                    .add("collegeStandard", money(row.collegeStandard)));
        }
        b.add("tiers", tierArray);

        JsonArray oldWindows = array(original, "windows");
        JsonArrayBuilder windowArray = Json.createArrayBuilder();
        for (WindowRow row : windows) {
            windowArray.add(base(oldWindows, row.source)
                    .add("name", nullable(row.name))
                    .add("from", nullable(row.from))
                    .add("to", nullable(row.to))
                    .add("paymentAllowed", row.paymentAllowed)
                    .add("priceMode", nullable(row.priceMode))
                    .add("coverStart", nullable(row.coverStart()))
                    .add("coverEnd", nullable(row.coverEnd))
                    .add("description", nullable(row.description)));
        }
        b.add("windows", windowArray);

        JsonArray oldCatalogue = array(original, "catalogue");
        JsonArrayBuilder categoryArray = Json.createArrayBuilder();
        for (CategoryRow row : catalogue) {
            JsonObjectBuilder category = base(oldCatalogue, row.source);
            JsonArray oldAmounts = row.source >= 0 && row.source < oldCatalogue.size()
                    ? array(oldCatalogue.getJsonObject(row.source), "amounts") : JsonValue.EMPTY_JSON_ARRAY;
            JsonArrayBuilder amountArray = Json.createArrayBuilder();
            for (AmountRow amount : row.amounts) {
                if (row.source >= 0 && amount.source < 0 && amount.subsidy == null && amount.personal == null) {
                    continue; // a line a new tier offered to a category of the document, left empty: none for that tier
                }
                amountArray.add(base(oldAmounts, amount.source)
                        .add("tier", amount.tier == null ? JsonValue.NULL : Json.createValue(amount.tier))
                        .add("subsidy", money(amount.subsidy))
                        .add("personal", money(amount.personal)));
            }
            categoryArray.add(category
                    .add("code", nullable(row.code))
                    .add("name", nullable(row.name))
                    .add("certifyingDepartment", nullable(row.certifyingDepartment))
                    .add("fundingDepartment", nullable(row.fundingDepartment))
                    .add("validFrom", nullable(row.validFrom))
                    .add("validTo", nullable(row.validTo))
                    .add("college", row.college)
                    .add("amounts", amountArray));
        }
        b.add("catalogue", categoryArray);

        for (RuleText rule : rules) {
            if (rule.text == null || rule.text.isBlank()) {
                // blank = the member is absent (read as null: "the notice has no such rule")
                b.remove(rule.member);
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(rule.text))) {
                b.add(rule.member, reader.readValue());
            } catch (JsonException e) {
                throw new FragmentException(rule.member, e.getMessage());
            }
        }
        return b.build().toString();
    }

    /** A new tier, and a line for it in every category (left empty, a category of the document offers none for it). */
    public TierRow addTier() {
        TierRow row = new TierRow();
        row.tier = tiers.stream().map(TierRow::getTier).filter(t -> t != null).max(Integer::compare).orElse(0) + 1;
        tiers.add(row);
        for (CategoryRow category : catalogue) {
            AmountRow amount = new AmountRow();
            amount.tier = row.tier;
            category.amounts.add(amount);
        }
        return row;
    }

    /** Removes a tier and every category's line for it (they could only be refused: no such tier). */
    public void removeTier(int index) {
        TierRow removed = tiers.remove(index);
        if (removed.tier != null && tiers.stream().noneMatch(t -> removed.tier.equals(t.tier))) {
            for (CategoryRow category : catalogue) {
                category.amounts.removeIf(a -> removed.tier.equals(a.tier));
            }
        }
    }

    public WindowRow addWindow() {
        WindowRow row = new WindowRow();
        if (insuranceYear != null) {
            row.coverEnd = LocalDate.of(insuranceYear, 12, 31);
        }
        windows.add(row);
        return row;
    }

    /** A new category offers an amount line for every tier of the form. */
    public CategoryRow addCategory() {
        CategoryRow row = new CategoryRow();
        for (TierRow tier : tiers) {
            AmountRow amount = new AmountRow();
            amount.tier = tier.tier;
            row.amounts.add(amount);
        }
        catalogue.add(row);
        return row;
    }

    private static JsonObjectBuilder base(JsonArray old, int index) {
        return index >= 0 && index < old.size() && old.get(index) instanceof JsonObject o
                ? Json.createObjectBuilder(o) : Json.createObjectBuilder();
    }

    /** Money keeps (at least) 2 decimals: 380 → 380.00; more decimals stay, for the load checks to refuse. */
    static JsonValue money(BigDecimal amount) {
        if (amount == null) {
            return JsonValue.NULL;
        }
        return Json.createValue(amount.scale() < 2 ? amount.setScale(2) : amount);
    }

    private static JsonValue nullable(Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return JsonValue.NULL;
        }
        return Json.createValue(value.toString());
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static Integer integer(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.intValue() : null;
    }

    private static BigDecimal money(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.bigDecimalValue() : null;
    }

    private static LocalDate date(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? LocalDate.parse(s.getString()) : null;
    }

    private static JsonArray array(JsonObject o, String key) {
        return o.get(key) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static String pretty(JsonValue value) {
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(value);
        }
        return out.toString().strip();
    }

    public String getPolicyId() { return policyId; }
    public Integer getInsuranceYear() { return insuranceYear; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public BigDecimal getFiscalSubsidy() { return fiscalSubsidy; }
    public void setFiscalSubsidy(BigDecimal v) { this.fiscalSubsidy = v; }
    public LocalDate getFinalCutoff() { return finalCutoff; }
    public void setFinalCutoff(LocalDate v) { this.finalCutoff = v; }
    public List<TierRow> getTiers() { return tiers; }
    public List<WindowRow> getWindows() { return windows; }
    public List<CategoryRow> getCatalogue() { return catalogue; }
    public List<RuleText> getRules() { return rules; }
}
