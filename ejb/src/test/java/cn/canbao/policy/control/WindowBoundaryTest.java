package cn.canbao.policy.control;

import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The day before, of and after every window boundary of every seed policy, for an ordinary resident in tier 1.
 * Waiting periods computed by hand from the notices (90天 = +90 days, 3个月 = +3 calendar months).
 */
class WindowBoundaryTest {

    @ParameterizedTest(name = "{0} paid {1} → {2} {3} from {5}")
    @CsvSource(nullValues = "-", value = {
            // policy,     date,       window or refusal,     personal, fiscal, start,      end
            "500101-2024, 2023-08-31, NOT_YET_OPEN,          -,       -,      -,          -",
            "500101-2024, 2023-09-01, CONCENTRATED,          380.00,  0.00,   2024-01-01, 2024-12-31",
            "500101-2024, 2023-12-31, CONCENTRATED,          380.00,  0.00,   2024-01-01, 2024-12-31",
            "500101-2024, 2024-01-01, GRACE,                 380.00,  0.00,   2024-02-01, 2024-12-31",
            "500101-2024, 2024-02-29, GRACE,                 380.00,  0.00,   2024-03-01, 2024-12-31",
            "500101-2024, 2024-03-01, STANDARD_WAITING,      380.00,  0.00,   2024-05-30, 2024-12-31",
            "500101-2024, 2024-03-15, STANDARD_WAITING,      380.00,  0.00,   2024-06-13, 2024-12-31",
            "500101-2024, 2024-06-30, STANDARD_WAITING,      380.00,  0.00,   2024-09-28, 2024-12-31",
            "500101-2024, 2024-07-01, FULL_COST,             1020.00, 640.00, 2024-09-29, 2024-12-31",
            "500101-2024, 2024-09-30, FULL_COST,             1020.00, 640.00, 2024-12-29, 2024-12-31",
            "500101-2024, 2024-10-01, AFTER_FINAL_CUTOFF,    -,       -,      -,          -",

            "500118-2023, 2022-08-31, NOT_YET_OPEN,          -,       -,      -,          -",
            "500118-2023, 2022-09-01, CONCENTRATED,          350.00,  0.00,   2023-01-01, 2023-12-31",
            "500118-2023, 2022-12-31, CONCENTRATED,          350.00,  0.00,   2023-01-01, 2023-12-31",
            "500118-2023, 2023-01-01, GRACE,                 350.00,  0.00,   2023-02-01, 2023-12-31",
            "500118-2023, 2023-02-28, GRACE,                 350.00,  0.00,   2023-03-01, 2023-12-31",
            "500118-2023, 2023-03-01, STANDARD_WAITING,      350.00,  0.00,   2023-05-30, 2023-12-31",
            "500118-2023, 2023-06-30, STANDARD_WAITING,      350.00,  0.00,   2023-09-28, 2023-12-31",
            "500118-2023, 2023-07-01, FULL_COST,             990.00,  640.00, 2023-09-29, 2023-12-31",
            "500118-2023, 2023-09-30, FULL_COST,             990.00,  640.00, 2023-12-29, 2023-12-31",
            "500118-2023, 2023-10-01, AFTER_FINAL_CUTOFF,    -,       -,      -,          -",

            "500230-2024, 2023-10-10, NOT_YET_OPEN,          -,       -,      -,          -",
            "500230-2024, 2023-10-11, CONCENTRATED,          380.00,  0.00,   2024-01-01, 2024-12-31",
            "500230-2024, 2023-12-31, CONCENTRATED,          380.00,  0.00,   2024-01-01, 2024-12-31",
            "500230-2024, 2024-01-01, GRACE,                 380.00,  0.00,   2024-02-01, 2024-12-31",
            "500230-2024, 2024-02-29, GRACE,                 380.00,  0.00,   2024-03-01, 2024-12-31",
            "500230-2024, 2024-03-01, STANDARD_WAITING,      380.00,  0.00,   2024-05-30, 2024-12-31",
            "500230-2024, 2024-06-30, STANDARD_WAITING,      380.00,  0.00,   2024-09-28, 2024-12-31",
            "500230-2024, 2024-07-01, FISCAL_SUBSIDY_NOT_SET, -,      -,      -,          -",
            "500230-2024, 2024-09-30, FISCAL_SUBSIDY_NOT_SET, -,      -,      -,          -",
            "500230-2024, 2024-10-01, AFTER_FINAL_CUTOFF,    -,       -,      -,          -",

            "511903-2024, 2023-08-31, NOT_YET_OPEN,          -,       -,      -,          -",
            "511903-2024, 2023-09-01, CONCENTRATED,          380.00,  0.00,   2024-01-01, 2024-12-31",
            "511903-2024, 2023-12-31, CONCENTRATED,          380.00,  0.00,   2024-01-01, 2024-12-31",
            "511903-2024, 2024-01-01, GRACE,                 380.00,  0.00,   2024-01-01, 2024-12-31",
            "511903-2024, 2024-02-29, GRACE,                 380.00,  0.00,   2024-02-29, 2024-12-31",
            "511903-2024, 2024-03-01, STANDARD_WAITING,      380.00,  0.00,   2024-06-01, 2024-12-31",
            "511903-2024, 2024-06-30, STANDARD_WAITING,      380.00,  0.00,   2024-09-30, 2024-12-31",
            "511903-2024, 2024-07-01, FISCAL_SUBSIDY_NOT_SET, -,      -,      -,          -",
            "511903-2024, 2024-12-31, NO_BENEFIT_PERIOD,     -,       -,      -,          -",
            "511903-2024, 2025-01-01, AFTER_FINAL_CUTOFF,    -,       -,      -,          -",

            "500102-2023, 2022-08-31, NOT_YET_OPEN,          -,       -,      -,          -",
            "500102-2023, 2022-09-01, CONCENTRATED,          350.00,  0.00,   2023-01-01, 2023-12-31",
            "500102-2023, 2022-12-31, CONCENTRATED,          350.00,  0.00,   2023-01-01, 2023-12-31",
            "500102-2023, 2023-01-01, GRACE,                 350.00,  0.00,   2023-02-01, 2023-12-31",
            "500102-2023, 2023-02-28, GRACE,                 350.00,  0.00,   2023-03-01, 2023-12-31",
            "500102-2023, 2023-03-01, STANDARD_WAITING,      350.00,  0.00,   2023-05-30, 2023-12-31",
            "500102-2023, 2023-06-30, STANDARD_WAITING,      350.00,  0.00,   2023-09-28, 2023-12-31",
            "500102-2023, 2023-07-01, FULL_COST,             990.00,  640.00, 2023-09-29, 2023-12-31",
            "500102-2023, 2023-09-30, FULL_COST,             990.00,  640.00, 2023-12-29, 2023-12-31",
            "500102-2023, 2023-10-01, AFTER_FINAL_CUTOFF,    -,       -,      -,          -",
    })
    void boundaries(String policyId, LocalDate date, String expected, BigDecimal personal, BigDecimal fiscal,
                    LocalDate start, LocalDate end) {
        Policy p = Seeds.policy(policyId);
        QuoteRequest request = QuoteRequest.of(1, date);
        if (personal == null) {
            QuoteRefusedException e = assertThrows(QuoteRefusedException.class, () -> Seeds.ENGINE.quote(p, request));
            assertEquals(expected, e.code().name(), e.getMessage());
            return;
        }
        Quote q = Seeds.ENGINE.quote(p, request);
        assertEquals(expected, q.window());
        assertEquals(personal, q.personalAmount());
        assertEquals(fiscal, q.fiscalShareAmount());
        assertEquals(start, q.benefitStart());
        assertEquals(end, q.benefitEnd());
    }

    @ParameterizedTest(name = "511903-2024 with a fiscal subsidy of 640 entered, paid {0} → {1}")
    @CsvSource(nullValues = "-", value = {
            "2024-07-01, 1020.00, 2024-10-01",
            "2024-09-30, 1020.00, 2024-12-30",
            "2024-10-01, -,       -",
    })
    void enyangOnceTheOperatorHasEnteredTheFiscalSubsidy(LocalDate date, BigDecimal personal, LocalDate start) {
        Policy stated = PolicyFixtures.withFiscalSubsidy(Seeds.policy("511903-2024"), new BigDecimal("640.00"));
        if (personal == null) {
            assertEquals(QuoteRefusedException.Code.NO_BENEFIT_PERIOD, assertThrows(QuoteRefusedException.class,
                    () -> Seeds.ENGINE.quote(stated, QuoteRequest.of(1, date))).code());
            return;
        }
        Quote q = Seeds.ENGINE.quote(stated, QuoteRequest.of(1, date));
        assertEquals("FULL_COST", q.window());
        assertEquals(personal, q.personalAmount());
        assertEquals(start, q.benefitStart());
    }
}
