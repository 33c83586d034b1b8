package cn.canbao.web.policy;

import cn.canbao.policy.boundary.Policies;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** {@code policy/list.xhtml}: every district's campaign policies, newest year first. */
@Named
@ViewScoped
public class PolicyListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Policies policies;

    private List<Policies.Summary> summaries;

    @PostConstruct
    void load() {
        summaries = policies.list().stream()
                .sorted(Comparator.comparing(Policies.Summary::insuranceYear).reversed()
                        .thenComparing(Policies.Summary::policyId))
                .toList();
    }

    public List<Policies.Summary> getSummaries() {
        return summaries;
    }
}
