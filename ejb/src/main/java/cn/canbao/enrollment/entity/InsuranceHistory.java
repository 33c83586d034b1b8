package cn.canbao.enrollment.entity;

import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.QuoteRequest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What counts for continuous enrollment (DOMAIN.md §8) of one person: every year with basic medical insurance —
 * Canbao's paid enrollments, non-enrollments as employee-insured or insured elsewhere, and the years recorded from
 * the provincial platform or at the counter — and the recorded life events. What a quote of a real payment adds to
 * its request, so that the payment is priced (and its cover start frozen) as the quote was.
 */
public record InsuranceHistory(Set<Integer> insuredYears, List<LifeEvent> events) implements Serializable {

    public static final InsuranceHistory NONE = new InsuranceHistory(Set.of(), List.of());

    public InsuranceHistory {
        insuredYears = insuredYears == null ? Set.of() : Set.copyOf(new TreeSet<>(insuredYears));
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** The request with these years and events added to its own. */
    public QuoteRequest addTo(QuoteRequest request) {
        QuoteRequest result = insuredYears.isEmpty() ? request : request.withInsuredYears(insuredYears.toArray(Integer[]::new));
        for (LifeEvent e : events) {
            if (!result.events().contains(e)) {
                result = result.withEvent(e.type(), e.date());
            }
        }
        return result;
    }

    /** This history with one more year (e.g. the from-year of a renewal, paid but not read yet). */
    public InsuranceHistory withYear(int year) {
        Set<Integer> years = new TreeSet<>(insuredYears);
        years.add(year);
        return new InsuranceHistory(years, events);
    }

    /** This history with more events. */
    public InsuranceHistory withEvents(List<LifeEvent> more) {
        List<LifeEvent> all = new ArrayList<>(events);
        more.stream().filter(e -> !all.contains(e)).forEach(all::add);
        return new InsuranceHistory(insuredYears, all);
    }
}
