package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every catalogue row × every tier, quoted in the concentrated window; expected figures are the seeds' tables
 * (500101-2024: the transcription catalogue-500101-2024.csv of seed 000 附件2), never computed by the engine.
 */
class CatalogueQuoteTest {

    private static final Map<String, LocalDate> CONCENTRATED = Map.of(
            "500101-2024", LocalDate.of(2023, 11, 15), "500118-2023", LocalDate.of(2022, 11, 15),
            "500230-2024", LocalDate.of(2023, 11, 15), "511903-2024", LocalDate.of(2023, 11, 15),
            "500102-2023", LocalDate.of(2022, 11, 15));

    @ParameterizedTest(name = "500101-2024 {0} {1} tier {2}: {3} / {4}")
    @CsvFileSource(resources = "/catalogue-500101-2024.csv", numLinesToSkip = 1)
    void wanzhouCatalogue(String code, String name, int tier, BigDecimal subsidy, BigDecimal personal,
                          LocalDate validFrom, LocalDate validTo, String department) {
        Policy p = Seeds.policy("500101-2024");
        CatalogueEntry row = p.category(code).orElseThrow();
        assertEquals(name, row.name());
        assertEquals(validFrom, row.validFrom());
        assertEquals(validTo, row.validTo());
        assertEquals(department, row.certifyingDepartment());
        check("500101-2024", code, tier, subsidy, personal, code.equals("108"));
    }

    @ParameterizedTest(name = "{0} {1} tier {2}: {3} / {4}")
    @CsvSource(nullValues = "-", value = {
            // seed 001 附件2 (松溉, 2023): standard 350 / 725, college 320 / 695
            "500118-2023, 608, 1, 245, 105, false", "500118-2023, 608, 2, 350, 375, false",
            "500118-2023, 605, 1, 245, 105, false", "500118-2023, 605, 2, 350, 375, false",
            "500118-2023, 520, 1, 245, 105, false", "500118-2023, 520, 2, 350, 375, false",
            "500118-2023, 609, 1, 245, 105, false", "500118-2023, 609, 2, 350, 375, false",
            "500118-2023, L01, 1, 50,  300, false", "500118-2023, L01, 2, 50,  675, false",
            "500118-2023, 101, 1, 315, 35,  false", "500118-2023, 101, 2, 350, 375, false",
            "500118-2023, 607, 1, 245, 105, false", "500118-2023, 607, 2, 350, 375, false",
            "500118-2023, 113, 1, 350, 0,   false", "500118-2023, 113, 2, 350, 375, false",
            "500118-2023, 104, 1, 350, 0,   false", "500118-2023, 104, 2, 350, 375, false",
            "500118-2023, 114, 1, 350, 0,   false", "500118-2023, 114, 2, 350, 375, false",
            "500118-2023, 108, 1, 224, 96,  true",  "500118-2023, 108, 2, 320, 375, true",
            "500118-2023, 106, 1, 245, 105, false", "500118-2023, 106, 2, 350, 375, false",
            "500118-2023, 105, 1, -,   -,   false", "500118-2023, 105, 2, -,   -,   false",
            "500118-2023, 301, 1, 280, 70,  false", "500118-2023, 301, 2, 280, 445, false",
            "500118-2023, 302, 1, 350, 0,   false", "500118-2023, 302, 2, 350, 375, false",
            "500118-2023, 305, 1, 350, 0,   false", "500118-2023, 305, 2, 350, 375, false",
            // seed 004 (涪陵, 2023)
            "500102-2023, 113, 1, 350, 0,   false", "500102-2023, 113, 2, 350, 375, false",
            "500102-2023, 104, 1, 350, 0,   false", "500102-2023, 104, 2, 350, 375, false",
            "500102-2023, 114, 1, 350, 0,   false", "500102-2023, 114, 2, 350, 375, false",
            "500102-2023, 101, 1, 315, 35,  false", "500102-2023, 101, 2, 350, 375, false",
            "500102-2023, 608, 1, 245, 105, false", "500102-2023, 608, 2, 350, 375, false",
            "500102-2023, 605, 1, 245, 105, false", "500102-2023, 605, 2, 350, 375, false",
            "500102-2023, 520, 1, 245, 105, false", "500102-2023, 520, 2, 350, 375, false",
            "500102-2023, 609, 1, 245, 105, false", "500102-2023, 609, 2, 350, 375, false",
            "500102-2023, 607, 1, 245, 105, false", "500102-2023, 607, 2, 350, 375, false",
            "500102-2023, 105, 1, 245, 105, false", "500102-2023, 105, 2, 350, 375, false",
            "500102-2023, 106, 1, 245, 105, false", "500102-2023, 106, 2, 350, 375, false",
            "500102-2023, 108, 1, 224, 96,  true",  "500102-2023, 108, 2, 320, 375, true",
            "500102-2023, L01, 1, 50,  300, false", "500102-2023, L01, 2, 50,  675, false",
            "500102-2023, 109, 1, -,   -,   false", "500102-2023, 109, 2, 725, 0,   false",
            "500102-2023, 301, 1, 280, 70,  false", "500102-2023, 301, 2, 280, 445, false",
            "500102-2023, 302, 1, 350, 0,   false", "500102-2023, 302, 2, 350, 375, false",
            "500102-2023, L06, 1, 350, 0,   false", "500102-2023, L06, 2, 350, 375, false",
            "500102-2023, 305, 1, 350, 0,   false", "500102-2023, 305, 2, 350, 375, false",
            // seed 002 (栗子, 2024): standard 380 / 755
            "500230-2024, 608, 1, 266, 114, false", "500230-2024, 608, 2, 380, 375, false",
            "500230-2024, 605, 1, 266, 114, false", "500230-2024, 605, 2, 380, 375, false",
            "500230-2024, 520, 1, 266, 114, false", "500230-2024, 520, 2, 380, 375, false",
            "500230-2024, 609, 1, 266, 114, false", "500230-2024, 609, 2, 380, 375, false",
            "500230-2024, 113, 1, 380, 0,   false", "500230-2024, 113, 2, 380, 375, false",
            "500230-2024, 104, 1, 380, 0,   false", "500230-2024, 104, 2, 380, 375, false",
            "500230-2024, 114, 1, 380, 0,   false", "500230-2024, 114, 2, 380, 375, false",
            "500230-2024, 101, 1, 342, 38,  false", "500230-2024, 101, 2, 380, 375, false",
            "500230-2024, 607, 1, 266, 114, false", "500230-2024, 607, 2, 380, 375, false",
            "500230-2024, 106, 1, 266, 114, false", "500230-2024, 106, 2, 380, 375, false",
            "500230-2024, L03, 1, 266, 114, false", "500230-2024, L03, 2, 380, 375, false",
            "500230-2024, L04, 1, 266, 114, false", "500230-2024, L04, 2, 380, 375, false",
            "500230-2024, 105, 1, 380, 0,   false", "500230-2024, 105, 2, 380, 375, false",
            "500230-2024, 109, 1, -,   -,   false", "500230-2024, 109, 2, 755, 0,   false",
            "500230-2024, 2106, 1, -,  -,   false", "500230-2024, 2106, 2, 755, 0,  false",
            "500230-2024, 2105, 1, -,  -,   false", "500230-2024, 2105, 2, 755, 0,  false",
            "500230-2024, 2104, 1, -,  -,   false", "500230-2024, 2104, 2, 755, 0,  false",
            "500230-2024, L05, 1, -,   -,   false", "500230-2024, L05, 2, 755, 0,   false",
            // seed 003 (恩阳, 2024): one tier of 380
            "511903-2024, 113, 1, 380, 0,   false",
            "511903-2024, 101, 1, 285, 95,  false",
            "511903-2024, L02, 1, 285, 95,  false",
            "511903-2024, L01, 1, 95,  285, false",
    })
    void otherCatalogues(String policyId, String code, int tier, BigDecimal subsidy, BigDecimal personal,
                         boolean college) {
        check(policyId, code, tier, subsidy, personal, college);
    }

    private static void check(String policyId, String code, int tier, BigDecimal subsidy, BigDecimal personal,
                              boolean college) {
        Policy p = Seeds.policy(policyId);
        ResidentType type = college ? ResidentType.COLLEGE_STUDENT : ResidentType.RESIDENT;
        Quote q = Seeds.ENGINE.quote(p, QuoteRequest.of(tier, CONCENTRATED.get(policyId)).withResidentType(type)
                .withIdentities(code));
        BigDecimal standard = p.tier(tier).orElseThrow().standardFor(type);
        assertEquals(standard, q.standardAmount());
        if (subsidy == null) {
            assertNull(q.subsidyCode(), "tier not offered (——): no subsidy");
            assertEquals(new BigDecimal("0.00"), q.subsidyAmount());
            assertEquals(standard, q.personalAmount());
        } else {
            assertEquals(code, q.subsidyCode());
            assertEquals(0, subsidy.compareTo(q.subsidyAmount()), "subsidy");
            assertEquals(0, personal.compareTo(q.personalAmount()), "personal");
            assertEquals(2, q.personalAmount().scale());
        }
        assertEquals(new BigDecimal("0.00"), q.fiscalShareAmount());
        assertEquals("CONCENTRATED", q.window());
    }
}
