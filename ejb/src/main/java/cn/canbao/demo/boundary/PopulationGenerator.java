package cn.canbao.demo.boundary;

import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.entity.ResidentType;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Generates the demo population of one village (job {@code demo-population}): households of 2–6 residents with
 * valid ID numbers, birth dates by a rural age pyramid, subsidy identities in realistic shares, a tier per household
 * and, for most households, a payment date in the campaign. Pure and sequential: the same village, seed, count and
 * dates give the same households in the same order, so a restart regenerates up to its checkpoint and goes on.
 *
 * <p>ID numbers: the district's 6 digits, the birth date, two digits from the village code (like a police station's
 * digits, they keep villages of a town apart), one digit odd for men and even for women, the check character.
 * A number already generated for the village moves the birth date by a day.
 */
public final class PopulationGenerator {

    /** How the population looks; the defaults are those of the job XML. */
    public record Profile(double paidShare, double tier2Share, Map<String, Double> subsidyShares) implements Serializable {
        public Profile {
            subsidyShares = new LinkedHashMap<>(subsidyShares);
        }

        /** {@code "101:0.03,113:0.01,520:0.02"}, shares of persons per catalogue code. */
        public static Map<String, Double> parseShares(String text) {
            Map<String, Double> shares = new LinkedHashMap<>();
            if (text == null || text.isBlank()) {
                return shares;
            }
            for (String part : text.split(",")) {
                String[] kv = part.trim().split(":");
                if (kv.length != 2) {
                    throw new IllegalArgumentException("subsidy share '" + part + "' is not code:share");
                }
                double share = Double.parseDouble(kv[1].trim());
                if (share < 0 || share > 1) {
                    throw new IllegalArgumentException("subsidy share of " + kv[0] + " must lie in 0..1");
                }
                shares.put(kv[0].trim(), share);
            }
            return shares;
        }
    }

    public record Resident(String idNumber, String name, ResidentType residentType, String subsidyCode)
            implements Serializable {
    }

    /** One household: the item of the job. {@code paidOn} null: registered, not paid. */
    public record DemoHousehold(int index, String villageCode, String householdNumber, String address, int tier,
                                List<Resident> members, LocalDate registeredOn, LocalDate paidOn, String channel)
            implements Serializable {
        public DemoHousehold {
            members = List.copyOf(members);
        }
    }

    /** What a whole plan holds, for tests and the job's log. */
    public record Totals(int households, int persons, int subsidised, int paidHouseholds, int paidPersons) {
    }

    /** Five-year age bands 0-4 .. 85-89 (rural Chongqing shape: few young adults, many middle-aged and old). */
    private static final int[] AGE_BAND_WEIGHTS = {45, 52, 58, 55, 40, 42, 50, 58, 66, 82, 88, 80, 78, 66, 48, 32, 20, 10};
    private static final int[] HOUSEHOLD_SIZE = {2, 3, 4, 5, 6};
    private static final int[] HOUSEHOLD_SIZE_WEIGHTS = {28, 30, 22, 13, 7};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马",
            "胡", "朱", "郭", "何", "罗", "高", "林", "谭", "向", "冉", "牟", "熊", "邓", "唐", "冯", "彭", "余"};
    private static final String MALE_GIVEN = "伟强军勇杰涛明超刚平辉华建国志斌鹏飞洪林浩宇俊波坤";
    private static final String FEMALE_GIVEN = "芳敏静丽娟艳霞秀英兰玲红梅燕琴莉婷雪倩慧蓉晶萍丹";
    private static final String[] CHANNELS = {"WECHAT", "ALIPAY", "YUKUAIBAN", "BANK_APP", "POS", "CASH"};
    private static final int[] CHANNEL_WEIGHTS = {35, 15, 10, 5, 20, 15};
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private final String villageCode;
    private final String idPrefix;
    private final String villageDigits;
    private final int count;
    private final LocalDate opens;
    private final LocalDate paidUntil;
    private final Profile profile;
    private final Random random;
    private final Set<String> issued = new HashSet<>();
    private int generatedPersons;
    private int nextIndex;

    /**
     * @param count     persons of this village (at least 2)
     * @param opens     first day of the campaign: births lie before it, registrations and payments on or after it
     * @param paidUntil last day a payment may carry (the business date)
     */
    public PopulationGenerator(String villageCode, long seed, int count, LocalDate opens, LocalDate paidUntil, Profile profile) {
        if (villageCode == null || !villageCode.matches("\\d{12}")) {
            throw new IllegalArgumentException("a village code has 12 digits: " + villageCode);
        }
        if (count < 2) {
            throw new IllegalArgumentException("a village needs at least 2 persons (one household), not " + count);
        }
        this.villageCode = villageCode;
        this.idPrefix = villageCode.substring(0, 6);
        this.villageDigits = villageCode.substring(10, 12);
        this.count = count;
        this.opens = Objects.requireNonNull(opens);
        this.paidUntil = paidUntil.isBefore(opens) ? opens : paidUntil;
        this.profile = Objects.requireNonNull(profile);
        this.random = new Random(seed ^ (Long.parseLong(villageCode) * 0x9E3779B97F4A7C15L));
    }

    public boolean hasNext() {
        return generatedPersons < count;
    }

    /** The household with index {@link #nextIndex()}. */
    public DemoHousehold next() {
        if (!hasNext()) {
            throw new IllegalStateException("all " + count + " persons generated");
        }
        int remaining = count - generatedPersons;
        int size = weighted(HOUSEHOLD_SIZE, HOUSEHOLD_SIZE_WEIGHTS);
        if (size >= remaining) {
            size = remaining;
        } else if (remaining - size == 1) {
            size = size > 2 ? size - 1 : size + 1; // never leave a household of one behind
        }
        int index = nextIndex++;
        generatedPersons += size;
        return household(index, size);
    }

    /** Skips {@code households} households (a restart resuming after its checkpoint). */
    public void skip(int households) {
        for (int i = 0; i < households && hasNext(); i++) {
            next();
        }
    }

    public int nextIndex() {
        return nextIndex;
    }

    /** Runs a whole plan and counts what it holds. */
    public static Totals totals(String villageCode, long seed, int count, LocalDate opens, LocalDate paidUntil, Profile profile) {
        PopulationGenerator g = new PopulationGenerator(villageCode, seed, count, opens, paidUntil, profile);
        int households = 0, persons = 0, subsidised = 0, paidHouseholds = 0, paidPersons = 0;
        while (g.hasNext()) {
            DemoHousehold h = g.next();
            households++;
            persons += h.members().size();
            subsidised += (int) h.members().stream().filter(m -> m.subsidyCode() != null).count();
            if (h.paidOn() != null) {
                paidHouseholds++;
                paidPersons += h.members().size();
            }
        }
        return new Totals(households, persons, subsidised, paidHouseholds, paidPersons);
    }

    private DemoHousehold household(int index, int size) {
        String surname = SURNAMES[random.nextInt(SURNAMES.length)];
        List<Resident> members = new ArrayList<>(size);
        boolean headMale = random.nextInt(100) < 80;
        int headAge = adultAge();
        members.add(resident(surname, headMale, headAge));
        for (int i = 1; i < size; i++) {
            int age;
            boolean male = random.nextBoolean();
            String memberSurname = surname;
            if (i == 1 && random.nextInt(100) < 85) {
                age = Math.max(20, headAge + (int) Math.round(random.nextGaussian() * 3));
                male = !headMale;
                memberSurname = SURNAMES[random.nextInt(SURNAMES.length)];
            } else if (headAge >= 55 && random.nextBoolean()) {
                age = Math.max(0, headAge - 44 - random.nextInt(17)); // grandchild
            } else if (headAge <= 60 && random.nextInt(100) < 20) {
                age = Math.min(95, headAge + 22 + random.nextInt(11)); // a parent of the head
            } else {
                age = Math.max(0, headAge - 22 - random.nextInt(13)); // child
            }
            members.add(resident(memberSurname, male, age));
        }
        int tier = random.nextDouble() < profile.tier2Share() ? 2 : 1;
        boolean pays = random.nextDouble() < profile.paidShare();
        long span = ChronoUnit.DAYS.between(opens, paidUntil);
        LocalDate paidOn = pays ? opens.plusDays(random.nextLong(span + 1)) : null;
        LocalDate lastRegistration = paidOn != null ? paidOn : paidUntil;
        LocalDate registeredOn = opens.plusDays(random.nextLong(ChronoUnit.DAYS.between(opens, lastRegistration) + 1));
        String channel = pays ? CHANNELS[weightedIndex(CHANNEL_WEIGHTS)] : null;
        String number = villageCode + String.format("%05d", index + 1);
        String address = (1 + index % 12) + "组" + (1 + index / 12) + "号";
        return new DemoHousehold(index, villageCode, number, address, tier, members, registeredOn, paidOn, channel);
    }

    private Resident resident(String surname, boolean male, int age) {
        LocalDate birth = opens.minusYears(age).minusDays(1 + random.nextInt(365));
        String given = givenName(male);
        String subsidy = null;
        double r = random.nextDouble();
        double cumulative = 0;
        for (Map.Entry<String, Double> share : profile.subsidyShares().entrySet()) {
            cumulative += share.getValue();
            if (r < cumulative) {
                subsidy = share.getKey();
                break;
            }
        }
        int genderDigit = 2 * random.nextInt(5) + (male ? 1 : 0);
        String id = null;
        for (int attempt = 0; attempt < 400; attempt++) {
            LocalDate date = birth.minusDays(attempt);
            String candidate = IdNumber.withCheckCharacter(idPrefix + date.format(BASIC) + villageDigits + genderDigit).value();
            if (issued.add(candidate)) {
                id = candidate;
                birth = date;
                break;
            }
        }
        if (id == null) {
            throw new IllegalStateException("no free ID number near " + birth + " in village " + villageCode);
        }
        long ageOnOpening = ChronoUnit.YEARS.between(birth, opens);
        ResidentType type = ageOnOpening >= 3 && ageOnOpening <= 17 ? ResidentType.PUPIL : ResidentType.RESIDENT;
        return new Resident(id, surname + given, type, subsidy);
    }

    private String givenName(boolean male) {
        String pool = male ? MALE_GIVEN : FEMALE_GIVEN;
        StringBuilder b = new StringBuilder().append(pool.charAt(random.nextInt(pool.length())));
        if (random.nextInt(100) < 70) {
            b.append(pool.charAt(random.nextInt(pool.length())));
        }
        return b.toString();
    }

    /** An age of 20 or more, drawn from the pyramid's adult bands. */
    private int adultAge() {
        int[] weights = AGE_BAND_WEIGHTS.clone();
        weights[0] = weights[1] = weights[2] = weights[3] = 0;
        int band = weightedIndex(weights);
        return band * 5 + random.nextInt(5);
    }

    private int weighted(int[] values, int[] weights) {
        return values[weightedIndex(weights)];
    }

    private int weightedIndex(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
