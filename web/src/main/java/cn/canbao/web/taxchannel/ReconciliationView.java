package cn.canbao.web.taxchannel;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.taxchannel.boundary.Reconciliation;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The reconciliation screen (对账) for the district bureau and tax: a period (a week up to today by default, at most
 * 92 days), the tax files' totals against Canbao's per day, channel and tax office, what differs both ways, and the
 * same as an XLSX workbook.
 */
@Named
@ViewScoped
public class ReconciliationView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Reconciliation reconciliation;

    @Inject
    UserSession session;

    @Inject
    transient Clock clock;

    private LocalDate from;
    private LocalDate to;
    private Reconciliation.Report report;

    public void load() {
        if (to == null) {
            to = LocalDate.now(clock);
        }
        if (from == null) {
            from = to.minusDays(6);
        }
        search();
    }

    public void search() {
        try {
            report = reconciliation.report(from, to);
        } catch (ProblemException refused) {
            report = null;
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Texts.pick(refused.getMessage()), null));
        }
    }

    public StreamedContent getXlsx() {
        Reconciliation.Report current = reconciliation.report(from, to);
        byte[] bytes = ReconciliationWorkbook.of(current, session.getRegionName());
        return DefaultStreamedContent.builder().name("reconciliation-" + current.from() + "-" + current.to() + ".xlsx")
                .contentType(ReconciliationResource.XLSX).stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    public String channel(String code) {
        return code == null ? "—" : Texts.text("channel." + code, code);
    }

    public String code(String code) {
        return code == null ? "" : Texts.text("recon.code." + code, code);
    }

    public LocalDate getToday() {
        return LocalDate.now(clock);
    }

    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public Reconciliation.Report getReport() { return report; }
}
