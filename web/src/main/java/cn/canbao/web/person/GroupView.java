package cn.canbao.web.person;

import cn.canbao.person.boundary.PersonGroups;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The API shape of a person's groups (docs/api-additions.md, "Person groups"). */
public record GroupView(Long id, String group, LocalDate validFrom, LocalDate validTo, LocalDate eventDate, String source,
                        String evidence, String recordedBy, OffsetDateTime recordedAt) {

    static GroupView of(PersonGroups.Line g) {
        return new GroupView(g.id(), g.group().name(), g.validFrom(), g.validTo(), g.eventDate(), g.source().name(),
                g.evidence(), g.recordedBy(), g.recordedAt());
    }

    /** {@code GET /persons/{idNumber}/groups}. */
    public record Listed(String idNumber, String name, List<GroupView> groups) {

        static Listed of(PersonGroups.Listed l) {
            return new Listed(l.person().getIdNumber(), l.person().getName(), l.groups().stream().map(GroupView::of).toList());
        }
    }
}
