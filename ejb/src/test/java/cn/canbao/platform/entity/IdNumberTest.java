package cn.canbao.platform.entity;

import cn.canbao.platform.entity.IdNumber;
import cn.canbao.platform.entity.IdNumber.InvalidIdNumberException;
import cn.canbao.platform.entity.IdNumber.InvalidIdNumberException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdNumberTest {

    @ParameterizedTest(name = "{0} is valid")
    @CsvSource({
            // the GB 11643 standard's own example and numbers checked by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
            "11010519491231002X, 1949-12-31, FEMALE, 110105",
            "440524188001010014, 1880-01-01, MALE,   440524",
            "50010119900101123X, 1990-01-01, MALE,   500101",
            "500101199001011221, 1990-01-01, FEMALE, 500101",
    })
    void validNumbers(String text, LocalDate birth, IdNumber.Gender gender, String region) {
        IdNumber id = IdNumber.of(text);
        assertEquals(birth, id.birthDate());
        assertEquals(gender, id.gender());
        assertEquals(region, id.regionCode());
        assertEquals(text, id.value());
    }

    @Test
    void lowercaseXIsNormalised() {
        assertEquals("11010519491231002X", IdNumber.of("11010519491231002x").value());
        assertEquals(IdNumber.of("11010519491231002X"), IdNumber.of(" 11010519491231002x "));
    }

    @Test
    void checkCharacterHelper() {
        assertEquals('X', IdNumber.checkCharacter("11010519491231002"));
        assertEquals('4', IdNumber.checkCharacter("44052418800101001"));
        assertEquals("500101201402010019", IdNumber.withCheckCharacter("50010120140201001").value());
    }

    @Test
    void maskedShowsFirstFourAndLastFour() {
        assertEquals("1101**********002X", IdNumber.of("11010519491231002X").masked());
        assertEquals("1101**********002X", IdNumber.of("11010519491231002X").toString());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "11010519491231002,   LENGTH",
            "11010519491231002XX, LENGTH",
            "''                 , LENGTH",
            "1101051949123100AX,  CHARACTERS",
            "11010519491231002Y,  CHARACTERS",
            "110105194902300029,  BIRTH_DATE",
            "110105194913010028,  BIRTH_DATE",
            "110105190002290021,  BIRTH_DATE",
            "110105194912310021,  CHECK_CHARACTER",
    })
    void invalidNumbersNameTheProblem(String text, Reason reason) {
        InvalidIdNumberException e = assertThrows(InvalidIdNumberException.class, () -> IdNumber.of(text));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().contains(" / "), "Chinese / English message: " + e.getMessage());
        assertTrue(e.messageZh().contains("身份证"), e.messageZh());
    }

    @Test
    void nullIsRefused() {
        assertEquals(Reason.LENGTH, assertThrows(InvalidIdNumberException.class, () -> IdNumber.of(null)).reason());
    }

    @Test
    void leapDayBirthIsValidAndBirthInFutureIsRefused() {
        IdNumber id = IdNumber.withCheckCharacter("50010120240229001");
        assertEquals(LocalDate.of(2024, 2, 29), id.birthDate());
        id.requireBornBy(LocalDate.of(2024, 2, 29));
        InvalidIdNumberException e = assertThrows(InvalidIdNumberException.class,
                () -> id.requireBornBy(LocalDate.of(2024, 2, 28)));
        assertEquals(Reason.BIRTH_DATE_IN_FUTURE, e.reason());
    }

    @Test
    void isAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(InvalidIdNumberException.class));
    }
}
