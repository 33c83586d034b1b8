package cn.canbao.web.policy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The form writes its edits into the document it read: nothing it does not know is lost (decision 51). */
class PolicyFormTest {

    private static String seed(String id) throws IOException {
        return Files.readString(Path.of("../config/policies/" + id + ".json"), StandardCharsets.UTF_8);
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void anUntouchedFormComposesTheSameDocument() throws Exception {
        for (String id : new String[] {"500101-2024", "500118-2023", "500230-2024", "511903-2024", "500102-2023", "500101-2026"}) {
            String document = seed(id);
            assertEquals(parse(document), parse(PolicyForm.read(document).compose()), id);
        }
    }

    @Test
    void membersTheFormDoesNotKnowSurviveAtTopLevelAndInRows() throws Exception {
        JsonObject seed = parse(seed("511903-2024"));
        JsonObject extended = Json.createObjectBuilder(seed)
                .add("futureMember", Json.createObjectBuilder().add("x", 1))
                .add("catalogue", Json.createArrayBuilder(seed.getJsonArray("catalogue"))
                        .set(0, Json.createObjectBuilder(seed.getJsonArray("catalogue").getJsonObject(0)).add("remark", "kept")))
                .build();
        PolicyForm form = PolicyForm.read(extended.toString());
        form.getTiers().get(0).setResidentStandard(new BigDecimal("400"));
        form.getCatalogue().get(0).getAmounts().get(0).setSubsidy(new BigDecimal("400"));

        JsonObject composed = parse(form.compose());
        assertEquals(Json.createObjectBuilder().add("x", 1).build(), composed.getJsonObject("futureMember"));
        assertEquals("kept", composed.getJsonArray("catalogue").getJsonObject(0).getString("remark"));
        assertEquals(seed.getJsonArray("exemptions"), composed.getJsonArray("exemptions"));
        assertEquals(seed.getJsonObject("targetCounting"), composed.getJsonObject("targetCounting"));
        assertEquals(seed.getJsonArray("windows"), composed.getJsonArray("windows"));
        assertEquals(extended.keySet().stream().toList(), composed.keySet().stream().toList(), "member order kept");
    }

    @Test
    void moneyKeepsTwoDecimals() throws Exception {
        PolicyForm form = PolicyForm.read(seed("511903-2024"));
        form.getTiers().get(0).setResidentStandard(new BigDecimal("400"));
        form.getCatalogue().get(1).getAmounts().get(0).setPersonal(new BigDecimal("115.5"));
        String composed = form.compose();
        assertTrue(composed.contains("\"residentStandard\":400.00"), composed);
        assertTrue(composed.contains("\"personal\":115.50"), composed);
        // more decimals are not rounded away: the load checks refuse them
        assertEquals("1.234", PolicyForm.money(new BigDecimal("1.234")).toString());
    }

    @Test
    void anAddedWindowAndCategoryComeWithDefaultsAndABlankRuleIsRemoved() throws Exception {
        PolicyForm form = PolicyForm.read(seed("511903-2024"));
        PolicyForm.WindowRow window = form.addWindow();
        window.setName("LATE");
        window.setFrom(LocalDate.of(2025, 1, 1));
        window.setTo(LocalDate.of(2025, 1, 31));
        window.setCoverKind("PAYMENT_DATE_PLUS_DAYS");
        window.setCoverAmount(90);
        form.addCategory().setCode("999");
        form.getRules().stream().filter(r -> r.getMember().equals("targetCounting")).findFirst().orElseThrow().setText(" ");

        JsonObject composed = parse(form.compose());
        JsonObject late = composed.getJsonArray("windows").getJsonObject(4);
        assertEquals("PAYMENT_DATE_PLUS_DAYS(90)", late.getString("coverStart"));
        assertEquals("2024-12-31", late.getString("coverEnd"));
        assertEquals("STANDARD", late.getString("priceMode"));
        JsonObject added = composed.getJsonArray("catalogue").getJsonObject(4);
        assertEquals(1, added.getJsonArray("amounts").getJsonObject(0).getInt("tier"));
        assertFalse(composed.containsKey("targetCounting"));
    }

    @Test
    void aNewTierOffersALineInEveryCategoryAndRemovingItTakesThemAway() throws Exception {
        PolicyForm form = PolicyForm.read(seed("511903-2024")); // one tier
        int categories = form.getCatalogue().size();
        PolicyForm.TierRow second = form.addTier();
        assertEquals(2, second.getTier());
        second.setResidentStandard(new BigDecimal("600"));
        for (PolicyForm.CategoryRow row : form.getCatalogue()) {
            assertEquals(List.of(1, 2), row.getAmounts().stream().map(PolicyForm.AmountRow::getTier).toList(), row.getCode());
        }
        // the first category gets amounts for tier 2, the others are left empty: they offer nothing for it
        PolicyForm.AmountRow line = form.getCatalogue().get(0).getAmounts().get(1);
        line.setSubsidy(new BigDecimal("500"));
        line.setPersonal(new BigDecimal("100"));
        PolicyForm.CategoryRow added = form.addCategory();
        assertEquals(List.of(1, 2), added.getAmounts().stream().map(PolicyForm.AmountRow::getTier).toList());

        JsonObject composed = parse(form.compose());
        var catalogue = composed.getJsonArray("catalogue");
        assertEquals(categories + 1, catalogue.size());
        var first = catalogue.getJsonObject(0).getJsonArray("amounts");
        assertEquals(2, first.size(), first.toString());
        assertEquals("500.00", first.getJsonObject(1).getJsonNumber("subsidy").bigDecimalValue().toPlainString());
        for (int i = 1; i < categories; i++) {
            assertEquals(1, catalogue.getJsonObject(i).getJsonArray("amounts").size(), "empty line of row " + i + " left out");
        }
        assertEquals(2, catalogue.getJsonObject(categories).getJsonArray("amounts").size(), "a new category keeps its lines");

        form.removeTier(1);
        for (PolicyForm.CategoryRow row : form.getCatalogue()) {
            assertEquals(List.of(1), row.getAmounts().stream().map(PolicyForm.AmountRow::getTier).toList(), row.getCode());
        }
    }

    @Test
    void aRuleFragmentThatIsNotJsonNamesItsMember() throws Exception {
        PolicyForm form = PolicyForm.read(seed("511903-2024"));
        form.getRules().stream().filter(r -> r.getMember().equals("newborn")).findFirst().orElseThrow().setText("{\"withinDays\": ");
        PolicyForm.FragmentException e = assertThrows(PolicyForm.FragmentException.class, form::compose);
        assertEquals("newborn", e.member());
    }

    @Test
    void aDocumentThatIsNotAnObjectHasNoForm() {
        assertNull(PolicyForm.read("[1, 2]"));
        assertNull(PolicyForm.read("{"));
    }

    @Test
    void problemsFindTheirRows() {
        assertEquals("catalogue:1", PolicyEditView.rowKey("catalogue[1] code 104 tier 1"));
        assertEquals("windows:0", PolicyEditView.rowKey("windows[0] CONCENTRATED"));
        assertEquals("tiers:0", PolicyEditView.rowKey("$.tiers[0].residentStandard"));
        assertEquals("rule:continuity", PolicyEditView.rowKey("continuity.events[1] GRADUATED"));
        assertEquals("", PolicyEditView.rowKey("fiscalSubsidy"));
    }
}
