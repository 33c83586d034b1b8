package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.CollegeRule;
import cn.canbao.policy.entity.ContinuityRule;
import cn.canbao.policy.entity.IncentiveRule;
import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.CoverStart;
import cn.canbao.policy.entity.Exemption;
import cn.canbao.policy.entity.Milestone;
import cn.canbao.policy.entity.NewbornRule;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyFormatException;
import cn.canbao.policy.entity.PolicyValidationException;
import cn.canbao.policy.entity.PriceMode;
import cn.canbao.policy.entity.ScoringBand;
import cn.canbao.policy.entity.ScoringRule;
import cn.canbao.policy.entity.TargetCounting;
import cn.canbao.policy.entity.Tier;
import cn.canbao.policy.entity.TierAmount;
import cn.canbao.policy.entity.Yuan;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads and writes the policy document (docs/policy-format.md) with Jakarta JSON-P. {@code read} = parse +
 * {@link PolicyValidator} checks; {@code write} produces the same shape, so read → write → read gives an equal
 * {@link Policy}. Unknown members are refused, so a misspelt field never silently means "not set".
 */
public class PolicyJson {

    private final PolicyValidator validator = new PolicyValidator();

    /**
     * @throws PolicyFormatException     not JSON, or not the documented shape (names the JSON path)
     * @throws PolicyValidationException the document parses but breaks a rule (names every offending row)
     */
    public Policy read(InputStream in) {
        return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    public Policy read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Policy read(String json) {
        return read(new StringReader(json));
    }

    public Policy read(Reader reader) {
        Policy policy = parse(reader);
        validator.requireValid(policy);
        return policy;
    }

    /** Parses without the rule checks: for tools that want to show every violation of a broken document. */
    public Policy parse(Reader reader) {
        JsonObject root;
        try (JsonReader r = cn.canbao.platform.boundary.Jsons.PROVIDER.createReader(reader)) {
            root = r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new PolicyFormatException("$", "not a JSON object: " + e.getMessage(), e);
        }
        return policy(new Node(root, "$"));
    }

    public String write(Policy policy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(policy, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    public void write(Policy policy, OutputStream out) {
        var factory = cn.canbao.platform.boundary.Jsons.PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (JsonWriter w = factory.createWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            w.writeObject(toJson(policy));
        }
    }

    public JsonObject toJson(Policy p) {
        JsonObjectBuilder b = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("policyId", p.policyId())
                .add("regionCode", p.regionCode())
                .add("insuranceYear", p.insuranceYear())
                .add("name", p.name());
        b.add("tiers", array(p.tiers(), t -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("tier", t.tier())
                .add("residentStandard", t.residentStandard())
                .add("collegeStandard", money(t.collegeStandard()))));
        b.add("fiscalSubsidy", money(p.fiscalSubsidy()));
        b.add("windows", array(p.windows(), w -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("name", w.name()).add("from", w.from().toString()).add("to", w.to().toString())
                .add("paymentAllowed", w.paymentAllowed()).add("priceMode", w.priceMode().name())
                .add("coverStart", w.coverStart().toString()).add("coverEnd", w.coverEnd().toString())
                .add("description", text(w.description()))));
        b.add("finalCutoff", p.finalCutoff().toString());
        b.add("exemptions", array(p.exemptions(), e -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("name", e.name()).add("description", text(e.description()))
                .add("subsidyCodes", strings(e.subsidyCodes()))
                .add("groups", strings(e.groups().stream().sorted().map(Enum::name).toList()))
                .add("from", e.from().toString()).add("to", e.to().toString())
                .add("priceMode", e.priceMode() == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(e.priceMode().name()))
                .add("coverStart", e.coverStart() == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(e.coverStart().toString()))
                .add("extendsWindow", e.extendsWindow()).add("windowName", text(e.windowName()))));
        NewbornRule n = p.newborn();
        b.add("newborn", n == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("withinDays", n.withinDays())
                .add("priceMode", n.priceMode() == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(n.priceMode().name()))
                .add("coverFromBirth", n.coverFromBirth())
                .add("enrollAnyDateWithinDays", n.enrollAnyDateWithinDays())
                .add("lateCoverStart", n.lateCoverStart() == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(n.lateCoverStart().toString()))
                .add("guardianCoverAutomatic", n.guardianCoverAutomatic())
                .add("description", text(n.description())).build());
        CollegeRule c = p.college();
        b.add("college", c == null ? JsonValue.NULL : college(c));
        b.add("catalogue", array(p.catalogue(), e -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("code", e.code()).add("name", e.name())
                .add("certifyingDepartment", text(e.certifyingDepartment()))
                .add("fundingDepartment", text(e.fundingDepartment()))
                .add("validFrom", date(e.validFrom())).add("validTo", date(e.validTo()))
                .add("college", e.college())
                .add("amounts", array(e.amounts(), a -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("tier", a.tier())
                        .add("subsidy", money(a.subsidy())).add("personal", money(a.personal()))))));
        b.add("milestones", array(p.milestones(), m -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("name", m.name()).add("from", date(m.from())).add("to", date(m.to()))
                .add("description", text(m.description()))));
        b.add("villageScoring", array(p.villageScoring(), s -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("name", s.name()).add("description", text(s.description()))
                .add("evaluatedOn", date(s.evaluatedOn()))
                .add("bands", array(s.bands(), band -> cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                        .add("minRatePercent", number(band.minRatePercent()))
                        .add("maxRatePercent", number(band.maxRatePercent()))
                        .add("fundingPerPerson", money(band.fundingPerPerson()))
                        .add("townFundingPerPerson", money(band.townFundingPerPerson()))
                        .add("villageFundingPerPerson", money(band.villageFundingPerPerson()))
                        .add("scoreChange", number(band.scoreChange()))
                        .add("interview", band.interview())))));
        b.add("reporting", strings(p.reporting()));
        b.add("notes", strings(p.notes()));
        TargetCounting counting = p.targetCounting();
        var countingJson = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("alsoCounts", strings(counting.alsoCounts()))
                .add("allGoalPercent", number(counting.allGoalPercent()))
                .add("lowIncomeGoalPercent", number(counting.lowIncomeGoalPercent()))
                .add("description", text(counting.description()));
        if (!counting.excludes().isEmpty()) {
            // only when present: documents without exclusions are written exactly as before
            countingJson.add("excludes", strings(counting.excludes()));
        }
        if (counting.statedTotal() != null) {
            countingJson.add("statedTotal", counting.statedTotal());
        }
        b.add("targetCounting", countingJson);
        // absent rather than null: documents of policies without them stay as they were
        if (p.continuity() != null) {
            b.add("continuity", continuity(p.continuity()));
        }
        if (p.incentive() != null) {
            IncentiveRule i = p.incentive();
            b.add("incentive", cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                    .add("thresholdYears", i.thresholdYears())
                    .add("increasePerYear", money(i.increasePerYear()))
                    .add("zeroClaimIncrease", money(i.zeroClaimIncrease()))
                    .add("maxIncreasePercent", number(i.maxIncreasePercent()))
                    .add("baseCap", money(i.baseCap()))
                    .add("description", text(i.description())));
        }
        return b.build();
    }

    private static JsonObjectBuilder continuity(ContinuityRule c) {
        var f = cn.canbao.platform.boundary.Jsons.PROVIDER;
        ContinuityRule.Repair r = c.repair();
        return f.createObjectBuilder()
                .add("fixedMonths", c.fixedMonths())
                .add("fixedWaitingFor", c.fixedWaitingFor().name())
                .add("concentratedWindows", strings(c.concentratedWindows()))
                .add("variableMonthsPerGapYear", c.variableMonthsPerGapYear())
                .add("firstGapYearCounts", c.firstGapYearCounts())
                .add("gapYearsFrom", c.gapYearsFrom())
                .add("gapScope", c.gapScope().name())
                .add("firstEnrollment", c.firstEnrollment().name())
                .add("maxTotalMonths", integer(c.maxTotalMonths()))
                .add("waitingStartsFrom", c.waitingStartsFrom().name())
                .add("repair", r == null ? JsonValue.NULL : f.createObjectBuilder()
                        .add("monthsPerYear", r.monthsPerYear())
                        .add("pricePerYear", money(r.pricePerYear()))
                        .add("maxYears", integer(r.maxYears()))
                        .add("floorGapYears", r.floorGapYears())
                        .add("floorTotalMonths", r.floorTotalMonths())
                        .add("restoresContinuousYears", r.restoresContinuousYears()).build())
                .add("exemptSubsidyCodes", strings(c.exemptSubsidyCodes()))
                .add("exemptGroups", strings(c.exemptGroups().stream().sorted().map(Enum::name).toList()))
                .add("newbornExemptDays", integer(c.newbornExemptDays()))
                .add("events", array(c.events(), e -> f.createObjectBuilder()
                        .add("type", e.type().name()).add("within", e.within()).add("unit", e.unit().name())
                        .add("priorInsuredYears", e.priorInsuredYears()).add("description", text(e.description()))))
                .add("description", text(c.description()));
    }

    private static JsonValue integer(Integer v) {
        return v == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(v);
    }

    private static <T> JsonArrayBuilder array(List<T> items, java.util.function.Function<T, JsonObjectBuilder> f) {
        JsonArrayBuilder a = cn.canbao.platform.boundary.Jsons.PROVIDER.createArrayBuilder();
        items.forEach(i -> a.add(f.apply(i)));
        return a;
    }

    private static JsonArrayBuilder strings(List<String> items) {
        JsonArrayBuilder a = cn.canbao.platform.boundary.Jsons.PROVIDER.createArrayBuilder();
        items.forEach(a::add);
        return a;
    }

    private static JsonValue money(BigDecimal v) {
        return v == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(v);
    }

    private static JsonValue number(BigDecimal v) {
        return v == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(v);
    }

    /** The college rule; {@code transition} only where the policy has one (answers of every other policy unchanged). */
    private static JsonValue college(CollegeRule c) {
        var b = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("yearMode", c.yearMode().name())
                .add("coverFrom", date(c.coverFrom())).add("coverTo", date(c.coverTo()))
                .add("graduateCoverTo", date(c.graduateCoverTo()))
                .add("freshmanCoverStart", c.freshmanCoverStart() == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(c.freshmanCoverStart().toString()))
                .add("description", text(c.description()));
        CollegeRule.Transition t = c.transition();
        if (t != null) {
            b.add("transition", cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                    .add("insuredFrom", date(t.insuredFrom())).add("insuredTo", date(t.insuredTo()))
                    .add("coverTo", date(t.coverTo())).add("description", text(t.description())));
        }
        return b.build();
    }

    private static JsonValue date(LocalDate d) {
        return d == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(d.toString());
    }

    private static JsonValue text(String s) {
        return s == null ? JsonValue.NULL : cn.canbao.platform.boundary.Jsons.PROVIDER.createValue(s);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    private Policy policy(Node n) {
        n.allow("policyId", "regionCode", "insuranceYear", "name", "tiers", "fiscalSubsidy", "windows",
                "finalCutoff", "exemptions", "newborn", "college", "catalogue", "milestones", "villageScoring",
                "reporting", "notes", "targetCounting", "continuity", "incentive");
        return new Policy(n.string("policyId"), n.string("regionCode"), n.integer("insuranceYear"),
                n.string("name"),
                n.list("tiers", (t, i) -> {
                    t.allow("tier", "residentStandard", "collegeStandard");
                    return new Tier(t.integer("tier"), t.money("residentStandard"), t.optMoney("collegeStandard"));
                }),
                n.optMoney("fiscalSubsidy"),
                n.list("windows", (w, i) -> {
                    w.allow("name", "from", "to", "paymentAllowed", "priceMode", "coverStart", "coverEnd", "description");
                    return new PaymentWindow(w.string("name"), w.date("from"), w.date("to"),
                            w.bool("paymentAllowed"), w.priceMode("priceMode"), w.coverStart("coverStart"),
                            w.date("coverEnd"), w.optString("description"));
                }),
                n.date("finalCutoff"),
                n.optList("exemptions", (e, i) -> {
                    e.allow("name", "description", "subsidyCodes", "groups", "from", "to", "priceMode",
                            "coverStart", "extendsWindow", "windowName");
                    return new Exemption(e.string("name"), e.optString("description"), e.optStringList("subsidyCodes"),
                            e.groups("groups"), e.date("from"), e.date("to"), e.optPriceMode("priceMode"),
                            e.optCoverStart("coverStart"), e.optBool("extendsWindow"), e.optString("windowName"));
                }),
                n.optObject("newborn", b -> {
                    b.allow("withinDays", "priceMode", "coverFromBirth", "enrollAnyDateWithinDays", "lateCoverStart",
                            "guardianCoverAutomatic", "description");
                    return new NewbornRule(b.integer("withinDays"), b.optPriceMode("priceMode"),
                            b.bool("coverFromBirth"), b.optBool("enrollAnyDateWithinDays"),
                            b.optCoverStart("lateCoverStart"), b.optBool("guardianCoverAutomatic"),
                            b.optString("description"));
                }),
                n.optObject("college", c -> {
                    c.allow("yearMode", "coverFrom", "coverTo", "graduateCoverTo", "freshmanCoverStart", "description",
                            "transition");
                    return new CollegeRule(c.enumValue("yearMode", CollegeRule.YearMode.class), c.optDate("coverFrom"),
                            c.optDate("coverTo"), c.optDate("graduateCoverTo"), c.optCoverStart("freshmanCoverStart"),
                            c.optString("description"), c.optObject("transition", t -> {
                                t.allow("insuredFrom", "insuredTo", "coverTo", "description");
                                return new CollegeRule.Transition(t.date("insuredFrom"), t.date("insuredTo"),
                                        t.date("coverTo"), t.optString("description"));
                            }));
                }),
                n.list("catalogue", (c, i) -> {
                    c.allow("code", "name", "certifyingDepartment", "fundingDepartment", "validFrom", "validTo",
                            "college", "amounts");
                    return new CatalogueEntry(c.string("code"), c.string("name"), c.optString("certifyingDepartment"),
                            c.optString("fundingDepartment"), c.optDate("validFrom"), c.optDate("validTo"),
                            c.optBool("college"),
                            c.list("amounts", (a, j) -> {
                                a.allow("tier", "subsidy", "personal");
                                return new TierAmount(a.integer("tier"), a.optMoney("subsidy"), a.optMoney("personal"));
                            }));
                }),
                n.optList("milestones", (m, i) -> {
                    m.allow("name", "from", "to", "description");
                    return new Milestone(m.string("name"), m.optDate("from"), m.optDate("to"), m.optString("description"));
                }),
                n.optList("villageScoring", (s, i) -> {
                    s.allow("name", "description", "evaluatedOn", "bands");
                    return new ScoringRule(s.string("name"), s.optString("description"), s.optDate("evaluatedOn"),
                            s.list("bands", (b, j) -> {
                                b.allow("minRatePercent", "maxRatePercent", "fundingPerPerson", "townFundingPerPerson",
                                        "villageFundingPerPerson", "scoreChange", "interview");
                                return new ScoringBand(b.optNumber("minRatePercent"), b.optNumber("maxRatePercent"),
                                        b.optMoney("fundingPerPerson"), b.optMoney("townFundingPerPerson"),
                                        b.optMoney("villageFundingPerPerson"), b.optNumber("scoreChange"),
                                        b.optBool("interview"));
                            }));
                }),
                n.optStringList("reporting"),
                n.optStringList("notes"),
                n.optObject("targetCounting", t -> {
                    t.allow("alsoCounts", "allGoalPercent", "lowIncomeGoalPercent", "description", "excludes", "statedTotal");
                    return new TargetCounting(t.optStringList("alsoCounts"), t.optNumber("allGoalPercent"),
                            t.optNumber("lowIncomeGoalPercent"), t.optString("description"), t.optStringList("excludes"),
                            t.optLong("statedTotal"));
                }),
                n.optObject("continuity", PolicyJson::continuity),
                n.optObject("incentive", i -> {
                    i.allow("thresholdYears", "increasePerYear", "zeroClaimIncrease", "maxIncreasePercent", "baseCap",
                            "description");
                    return new IncentiveRule(i.integer("thresholdYears"), i.money("increasePerYear"),
                            i.money("zeroClaimIncrease"), i.optNumber("maxIncreasePercent"), i.optMoney("baseCap"),
                            i.optString("description"));
                }));
    }

    private static ContinuityRule continuity(Node c) {
        c.allow("fixedMonths", "fixedWaitingFor", "concentratedWindows", "variableMonthsPerGapYear",
                "firstGapYearCounts", "gapYearsFrom", "gapScope", "firstEnrollment", "maxTotalMonths",
                "waitingStartsFrom", "repair", "exemptSubsidyCodes", "exemptGroups", "newbornExemptDays", "events",
                "description");
        return new ContinuityRule(c.integer("fixedMonths"),
                c.enumValue("fixedWaitingFor", ContinuityRule.FixedWaitingFor.class),
                c.optStringList("concentratedWindows"), c.integer("variableMonthsPerGapYear"),
                c.bool("firstGapYearCounts"), c.integer("gapYearsFrom"),
                c.enumValue("gapScope", ContinuityRule.GapScope.class),
                c.enumValue("firstEnrollment", ContinuityRule.FirstEnrollment.class), c.optInteger("maxTotalMonths"),
                c.enumValue("waitingStartsFrom", ContinuityRule.WaitingStartsFrom.class),
                c.optObject("repair", r -> {
                    r.allow("monthsPerYear", "pricePerYear", "maxYears", "floorGapYears", "floorTotalMonths",
                            "restoresContinuousYears");
                    return new ContinuityRule.Repair(r.integer("monthsPerYear"), r.optMoney("pricePerYear"),
                            r.optInteger("maxYears"), r.integer("floorGapYears"), r.integer("floorTotalMonths"),
                            r.bool("restoresContinuousYears"));
                }),
                c.optStringList("exemptSubsidyCodes"), c.groups("exemptGroups"), c.optInteger("newbornExemptDays"),
                c.optList("events", (e, i) -> {
                    e.allow("type", "within", "unit", "priorInsuredYears", "description");
                    return new ContinuityRule.EventWindow(e.enumValue("type", LifeEvent.Type.class),
                            e.integer("within"), e.enumValue("unit", ContinuityRule.Unit.class),
                            e.optInteger("priorInsuredYears") == null ? 0 : e.optInteger("priorInsuredYears"),
                            e.optString("description"));
                }),
                c.optString("description"));
    }

    /** A JSON object with its path, so that every format error names where it is. */
    private record Node(JsonObject o, String path) {

        void allow(String... names) {
            Set<String> known = Set.of(names);
            for (String k : o.keySet()) {
                if (!known.contains(k)) {
                    throw new PolicyFormatException(path + "." + k, "unknown member (allowed: "
                            + String.join(", ", names) + ")", null);
                }
            }
        }

        private JsonValue value(String k) {
            JsonValue v = o.get(k);
            return v == null ? JsonValue.NULL : v;
        }

        private JsonValue required(String k) {
            JsonValue v = value(k);
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                throw new PolicyFormatException(path + "." + k, "required", null);
            }
            return v;
        }

        private PolicyFormatException wrong(String k, String expected, Exception cause) {
            return new PolicyFormatException(path + "." + k, "expected " + expected + ", found " + value(k), cause);
        }

        String string(String k) {
            JsonValue v = required(k);
            if (v instanceof JsonString s) {
                return s.getString();
            }
            throw wrong(k, "a string", null);
        }

        String optString(String k) {
            return value(k).getValueType() == JsonValue.ValueType.NULL ? null : string(k);
        }

        int integer(String k) {
            JsonValue v = required(k);
            if (v instanceof JsonNumber num && num.isIntegral()) {
                try {
                    // intValue() would wrap 4294969321 round to 2025
                    return num.intValueExact();
                } catch (ArithmeticException tooLarge) {
                    throw wrong(k, "an integer", tooLarge);
                }
            }
            throw wrong(k, "an integer", null);
        }

        Long optLong(String k) {
            JsonValue v = value(k);
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (v instanceof JsonNumber num && num.isIntegral()) {
                try {
                    return num.longValueExact();
                } catch (ArithmeticException tooLarge) {
                    throw wrong(k, "an integer", tooLarge);
                }
            }
            throw wrong(k, "an integer", null);
        }

        Integer optInteger(String k) {
            return value(k).getValueType() == JsonValue.ValueType.NULL ? null : integer(k);
        }

        boolean bool(String k) {
            JsonValue v = required(k);
            if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                return v == JsonValue.TRUE;
            }
            throw wrong(k, "true or false", null);
        }

        boolean optBool(String k) {
            return value(k).getValueType() != JsonValue.ValueType.NULL && bool(k);
        }

        BigDecimal optNumber(String k) {
            JsonValue v = value(k);
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (v instanceof JsonNumber num) {
                return num.bigDecimalValue();
            }
            throw wrong(k, "a number", null);
        }

        BigDecimal money(String k) {
            required(k);
            return optMoney(k);
        }

        BigDecimal optMoney(String k) {
            BigDecimal v = optNumber(k);
            try {
                return Yuan.of(v);
            } catch (ArithmeticException e) {
                throw wrong(k, "yuan with at most 2 decimals", e);
            }
        }

        LocalDate date(String k) {
            String s = string(k);
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw wrong(k, "a date YYYY-MM-DD", e);
            }
        }

        LocalDate optDate(String k) {
            return value(k).getValueType() == JsonValue.ValueType.NULL ? null : date(k);
        }

        <E extends Enum<E>> E enumValue(String k, Class<E> type) {
            String s = string(k);
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw wrong(k, "one of " + EnumSet.allOf(type), e);
            }
        }

        PriceMode priceMode(String k) {
            return enumValue(k, PriceMode.class);
        }

        PriceMode optPriceMode(String k) {
            return value(k).getValueType() == JsonValue.ValueType.NULL ? null : priceMode(k);
        }

        CoverStart coverStart(String k) {
            String s = string(k);
            try {
                return CoverStart.parse(s);
            } catch (IllegalArgumentException e) {
                throw new PolicyFormatException(path + "." + k, e.getMessage(), e);
            }
        }

        CoverStart optCoverStart(String k) {
            return value(k).getValueType() == JsonValue.ValueType.NULL ? null : coverStart(k);
        }

        private JsonArray array(String k) {
            JsonValue v = required(k);
            if (v instanceof JsonArray a) {
                return a;
            }
            throw wrong(k, "an array", null);
        }

        <T> List<T> list(String k, BiFunction<Node, Integer, T> f) {
            JsonArray a = array(k);
            List<T> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                String p = path + "." + k + "[" + i + "]";
                if (!(a.get(i) instanceof JsonObject obj)) {
                    throw new PolicyFormatException(p, "expected an object", null);
                }
                out.add(f.apply(new Node(obj, p), i));
            }
            return out;
        }

        <T> List<T> optList(String k, BiFunction<Node, Integer, T> f) {
            return value(k).getValueType() == JsonValue.ValueType.NULL ? List.of() : list(k, f);
        }

        <T> T optObject(String k, java.util.function.Function<Node, T> f) {
            JsonValue v = value(k);
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (v instanceof JsonObject obj) {
                return f.apply(new Node(obj, path + "." + k));
            }
            throw wrong(k, "an object", null);
        }

        List<String> stringList(String k) {
            JsonArray a = array(k);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof JsonString s)) {
                    throw new PolicyFormatException(path + "." + k + "[" + i + "]", "expected a string", null);
                }
                out.add(s.getString());
            }
            return out;
        }

        List<String> optStringList(String k) {
            return value(k).getValueType() == JsonValue.ValueType.NULL ? List.of() : stringList(k);
        }

        Set<PersonGroup> groups(String k) {
            if (value(k).getValueType() == JsonValue.ValueType.NULL) {
                return Set.of();
            }
            Set<PersonGroup> out = EnumSet.noneOf(PersonGroup.class);
            for (String s : stringList(k)) {
                try {
                    out.add(PersonGroup.valueOf(s));
                } catch (IllegalArgumentException e) {
                    throw wrong(k, "groups among " + EnumSet.allOf(PersonGroup.class), e);
                }
            }
            return out;
        }
    }
}
