package cn.canbao.demo.boundary;

import cn.canbao.demo.boundary.PopulationGenerator;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.demo.boundary.PopulationGenerator.DemoHousehold;
import cn.canbao.demo.boundary.PopulationGenerator.Profile;
import cn.canbao.demo.boundary.PopulationGenerator.Resident;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopulationGeneratorTest {

    static final LocalDate OPENS = LocalDate.of(2023, 9, 1);
    static final LocalDate BUSINESS_DATE = LocalDate.of(2023, 11, 20);
    static final Profile PROFILE = new Profile(0.78, 0.08, Profile.parseShares("101:0.03,113:0.01,520:0.02"));

    static List<DemoHousehold> all(String village, long seed, int count) {
        PopulationGenerator g = new PopulationGenerator(village, seed, count, OPENS, BUSINESS_DATE, PROFILE);
        List<DemoHousehold> all = new ArrayList<>();
        while (g.hasNext()) {
            all.add(g.next());
        }
        return all;
    }

    @Test
    void exactlyTheCountInHouseholdsOfTwoToSixWithValidUniqueIdNumbersOfTheDistrict() {
        List<DemoHousehold> households = all("500101101005", 42, 3001);
        Set<String> ids = new HashSet<>();
        int persons = 0;
        for (DemoHousehold h : households) {
            assertTrue(h.members().size() >= 2 && h.members().size() <= 6, "size " + h.members().size());
            for (Resident r : h.members()) {
                IdNumber id = IdNumber.of(r.idNumber());
                assertEquals("500101", id.regionCode());
                assertEquals("05", r.idNumber().substring(14, 16), "village digits");
                assertTrue(id.birthDate().isBefore(OPENS));
                assertTrue(ids.add(r.idNumber()), "duplicate " + r.idNumber());
                persons++;
            }
            assertFalse(h.registeredOn().isBefore(OPENS));
            if (h.paidOn() != null) {
                assertFalse(h.paidOn().isAfter(BUSINESS_DATE));
                assertFalse(h.registeredOn().isAfter(h.paidOn()));
            }
        }
        assertEquals(3001, persons);
    }

    @Test
    void sharesAreRealistic() {
        PopulationGenerator.Totals t = PopulationGenerator.totals("500101101005", 7, 20_000, OPENS, BUSINESS_DATE, PROFILE);
        double paid = (double) t.paidPersons() / t.persons();
        double subsidised = (double) t.subsidised() / t.persons();
        assertTrue(paid > 0.70 && paid < 0.85, "paid share " + paid);
        assertTrue(subsidised > 0.045 && subsidised < 0.075, "subsidised share " + subsidised);
        double perHousehold = (double) t.persons() / t.households();
        assertTrue(perHousehold > 3 && perHousehold < 3.8, "persons per household " + perHousehold);
        long old = all("500101101005", 7, 20_000).stream().flatMap(h -> h.members().stream())
                .filter(r -> IdNumber.of(r.idNumber()).birthDate().isBefore(LocalDate.of(1963, 9, 1))).count();
        assertTrue(old > 2_000 && old < 8_000, "60 and older: " + old);
    }

    @Test
    void theSameSeedGivesTheSameHouseholdsAndARestartResumesWhereItStopped() {
        List<DemoHousehold> first = all("500101101005", 42, 1000);
        assertEquals(first, all("500101101005", 42, 1000));
        assertNotEquals(first, all("500101101005", 43, 1000));
        assertNotEquals(first.get(0).members(), all("500101101006", 42, 1000).get(0).members());

        PopulationGenerator resumed = new PopulationGenerator("500101101005", 42, 1000, OPENS, BUSINESS_DATE, PROFILE);
        resumed.skip(100);
        assertEquals(100, resumed.nextIndex());
        assertEquals(first.get(100), resumed.next());
    }
}
