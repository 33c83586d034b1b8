package cn.canbao.web.person;

import cn.canbao.subsidy.entity.SubsidyIdentity;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The API shape of a subsidy identity on a person's record. */
public record IdentityView(Long id, String code, String certifyingDepartment, LocalDate validFrom, LocalDate validTo,
                           String source, String evidence, String recordedBy, OffsetDateTime recordedAt) {

    public static IdentityView of(SubsidyIdentity s) {
        return new IdentityView(s.getId(), s.getCode(), s.getCertifyingDepartment(), s.getValidFrom(), s.getValidTo(),
                s.getSource().name(), s.getEvidence(), s.getRecordedBy(), s.getRecordedAt());
    }
}
