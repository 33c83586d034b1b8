package cn.canbao.web.refund;

import cn.canbao.web.platform.ScreenMessages;
import java.util.HashMap;
import java.util.ArrayList;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.refund.boundary.Refunds;
import cn.canbao.refund.entity.Refund;
import cn.canbao.web.counter.Faces;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code refund/review.xhtml} (district bureau: approve or reject with a remark, an override reason where the
 * request lies outside the rules) and {@code refund/execution.xhtml} (tax: execute, which reverses the payment and
 * ends the enrollment). Both are lazy, paged queues of the caller's area with ID numbers masked; the page says which
 * state it lists. A refusal of the boundary is shown as its message and changes nothing.
 */
@Named
@ViewScoped
public class RefundQueueView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Refunds refunds;

    private Refund.Status status = Refund.Status.REQUESTED;
    private final Lines lines = new Lines();

    private RefundLine selected;
    private String reviewNote;
    private String overrideReason;
    /** Ticked rows of the review page, by refund id; and the remark of a batch approval. */
    private final Map<Long, Boolean> chosen = new HashMap<>();
    private String batchNote;

    public class Lines extends LazyDataModel<RefundLine> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) refunds.queue(status, 0, 1).total();
        }

        @Override
        public List<RefundLine> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            Refunds.Page page = refunds.queue(status, first, pageSize);
            setRowCount((int) page.total());
            return page.lines().stream().map(l -> RefundLine.of(l.refund(), l.person(), l.payment())).toList();
        }

        @Override
        public String getRowKey(RefundLine line) {
            return String.valueOf(line.refundId());
        }

        @Override
        public RefundLine getRowData(String rowKey) {
            return null;
        }
    }

    /** f:viewAction: the state this page lists (REQUESTED for review, APPROVED for execution). */
    public void show(String state) {
        status = Refund.Status.valueOf(state);
    }

    /** A row's review dialog opened. */
    public void select(RefundLine line) {
        selected = line;
        reviewNote = null;
        overrideReason = null;
    }

    public void approve() {
        review(true);
    }

    public void reject() {
        review(false);
    }

    private void review(boolean approve) {
        if (selected == null) {
            return;
        }
        try {
            Refund refund = refunds.review(selected.refundId(), approve, reviewNote, overrideReason);
            Faces.info(Texts.text(approve ? "refund.approved" : "refund.rejected", "reviewed") + " #" + refund.getId());
            selected = null;
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    /**
     * The reviewer's batch approval: every ticked request of the page approved with one remark, each in its own
     * transaction (each refund is its own decision). A request outside the rules is not approved in a batch — it needs
     * its own override reason in its dialog; those and any other refusals are listed by number, the rest approved.
     */
    public void approveChosen() {
        List<Long> ids = chosen.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
        if (ids.isEmpty()) {
            ScreenMessages.error(Texts.text("refund.batch.none", "none chosen"));
            return;
        }
        List<String> approved = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Long id : ids) {
            try {
                refunds.review(id, true, batchNote, null);
                approved.add("#" + id);
            } catch (ProblemException problem) {
                refused.add("#" + id + " " + Texts.refusal(problem));
            }
        }
        chosen.clear();
        if (!approved.isEmpty()) {
            Faces.info(Texts.text("refund.batch.approved", "approved") + " " + approved.size() + "：" + String.join("、", approved));
        }
        if (!refused.isEmpty()) {
            ScreenMessages.error(Texts.text("refund.batch.refused", "not approved") + " " + refused.size() + "：" + String.join("；", refused));
        }
    }

    public void execute(RefundLine line) {
        try {
            Refund refund = refunds.execute(line.refundId());
            Faces.info(Texts.text("refund.executed", "executed") + " #" + refund.getId());
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    public Lines getLines() { return lines; }
    public String getStatus() { return status.name(); }
    public RefundLine getSelected() { return selected; }
    public String getReviewNote() { return reviewNote; }
    public void setReviewNote(String reviewNote) { this.reviewNote = reviewNote; }
    public String getOverrideReason() { return overrideReason; }
    public void setOverrideReason(String overrideReason) { this.overrideReason = overrideReason; }
    public Map<Long, Boolean> getChosen() { return chosen; }
    public String getBatchNote() { return batchNote; }
    public void setBatchNote(String batchNote) { this.batchNote = batchNote; }
}
