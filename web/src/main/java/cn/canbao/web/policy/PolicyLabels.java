package cn.canbao.web.policy;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.CoverStart;
import cn.canbao.policy.entity.Exemption;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.PriceMode;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.policy.entity.ScoringBand;
import cn.canbao.policy.entity.TierAmount;
import cn.canbao.web.platform.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.stream.Collectors;

/** How the policy screens word the policy's codes, amounts and dates, in the user's language. */
@Named
@ApplicationScoped
public class PolicyLabels {

    public String money(BigDecimal amount) {
        return amount == null ? "—" : amount.toPlainString();
    }

    public String date(LocalDate date) {
        return date == null ? "—" : date.toString();
    }

    public String fiscalSubsidy(BigDecimal amount) {
        return amount == null ? Texts.text("policy.notStated", "not stated") : amount.toPlainString();
    }

    public String collegeStandard(BigDecimal amount) {
        return amount == null ? Texts.text("policy.sameAsResident", "same as residents") : amount.toPlainString();
    }

    public String window(String name) {
        return name == null ? "—" : Texts.text("window." + name, name);
    }

    public String priceMode(PriceMode mode) {
        return mode == null ? Texts.text("policy.keepWindow", "as the window") : Texts.text("priceMode." + mode.name(), mode.name());
    }

    public String coverStart(CoverStart rule) {
        if (rule == null) {
            return Texts.text("policy.keepWindow", "as the window");
        }
        if (Texts.english()) {
            return switch (rule.kind()) {
                case YEAR_START -> "from 1 Jan of the insurance year";
                case NEXT_MONTH_FIRST -> "from the 1st of the month after payment";
                case PAYMENT_DATE -> "from the payment date (no wait)";
                case PAYMENT_DATE_PLUS_DAYS -> rule.amount() + "-day wait";
                case PAYMENT_DATE_PLUS_MONTHS -> rule.amount() + "-month wait";
            };
        }
        return rule.describeZh();
    }

    public String yesNo(boolean value) {
        return Texts.text(value ? "policy.yes" : "policy.no", value ? "yes" : "no");
    }

    public String group(PersonGroup group) {
        return Texts.text("group." + group.name(), group.name());
    }

    public String groups(Collection<PersonGroup> groups) {
        return groups == null || groups.isEmpty() ? "" : groups.stream().sorted().map(this::group).collect(Collectors.joining("、"));
    }

    /** Who an exemption covers: "身份 113、104；退役军人、…". */
    public String persons(Exemption exemption) {
        String codes = exemption.subsidyCodes().isEmpty() ? ""
                : Texts.text("policy.codes", "identities") + " " + String.join("、", exemption.subsidyCodes());
        String groups = groups(exemption.groups());
        return codes.isEmpty() || groups.isEmpty() ? codes + groups : codes + "；" + groups;
    }

    public String residentType(ResidentType type) {
        return Texts.text("residentType." + type.name(), type.name());
    }

    /** "2023-09-01 至 2024-12-31", or "whole campaign" when the notice states no validity. */
    public String validity(CatalogueEntry entry) {
        if (entry.validFrom() == null && entry.validTo() == null) {
            return Texts.text("policy.wholeCampaign", "whole campaign");
        }
        return date(entry.validFrom()) + " ~ " + date(entry.validTo());
    }

    /** The subsidy of a catalogue row in a tier, or "——" when the row offers nothing in that tier. */
    public String subsidy(CatalogueEntry entry, int tier) {
        return entry.amountFor(tier).map(TierAmount::subsidy).map(this::money).orElse("——");
    }

    public String personal(CatalogueEntry entry, int tier) {
        return entry.amountFor(tier).map(TierAmount::personal).map(this::money).orElse("——");
    }

    public String rateRange(ScoringBand band) {
        String min = band.minRatePercent() == null ? "" : "≥ " + band.minRatePercent().stripTrailingZeros().toPlainString() + "%";
        String max = band.maxRatePercent() == null ? "" : "< " + band.maxRatePercent().stripTrailingZeros().toPlainString() + "%";
        return min.isEmpty() && max.isEmpty() ? Texts.text("policy.anyRate", "any rate") : (min + " " + max).trim();
    }

    public String tierName(int tier) {
        return Texts.text("policy.tier." + tier, "tier " + tier);
    }
}
