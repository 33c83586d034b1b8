package cn.canbao.web.refund;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.entity.AuditEntry;
import cn.canbao.refund.boundary.Refunds;
import cn.canbao.refund.entity.Refund;
import cn.canbao.web.counter.Faces;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code refund/history.xhtml?id=}: one refund, its state, and every step taken on it (the audit lines). */
@Named
@ViewScoped
public class RefundHistoryView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A step: when, who, what, and the remark written with it. */
    public record Step(OffsetDateTime at, String actor, String action, String detail) implements Serializable {
    }

    @Inject
    transient Refunds refunds;

    private Long id;
    private RefundLine refund;
    private List<Step> steps = List.of();

    public void load() {
        if (refund != null) {
            return;
        }
        try {
            Refund r = refunds.require(id);
            refund = RefundLine.of(r, refunds.person(r), refunds.payment(r));
            steps = refunds.history(id).stream()
                    .map((AuditEntry a) -> new Step(a.getOccurredAt(), a.getActor(), a.getAction(), a.getDetail())).toList();
        } catch (ProblemException problem) {
            if (problem.kind() == ProblemException.Kind.FORBIDDEN) {
                Faces.forbidden();
            } else {
                Faces.refused(problem);
            }
        }
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public RefundLine getRefund() { return refund; }
    public List<Step> getSteps() { return steps; }
}
