package cn.canbao.web.roster;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;
import cn.canbao.supervision.boundary.SubsidyLedger;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code roster/settlement.xhtml}: a funding department's settlement (资助资金结算) for a period — per category the
 * payments and their frozen subsidy, the reversals deducted, the net ({@link SubsidyLedger#settlement}) — and the
 * statement as a workbook the department keeps.
 */
@Named
@ViewScoped
public class SettlementView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SubsidyLedger ledger;

    @Inject
    transient Policies policies;

    @Inject
    transient Regions regions;

    @Inject
    transient Clock clock;

    @Inject
    UserSession userSession;

    @Inject
    transient cn.canbao.web.collection.PdfReceipts pdfReceipts;

    private String policy;
    private String department;
    private LocalDate from;
    private LocalDate to;
    private List<Policies.Summary> policyChoices = List.of();
    private List<String> departments = List.of();
    private SubsidyLedger.Settlement settlement;

    public void load() {
        String own = userSession.getRegionCode();
        policyChoices = cn.canbao.web.platform.PolicyChoices.around(policies, regions, own);
        if ((policy == null || policy.isBlank()) && !policyChoices.isEmpty()) {
            policy = policyChoices.get(0).policyId();
        }
        if (to == null) {
            to = LocalDate.now(clock);
            from = to.withDayOfMonth(1);
        }
        policyChanged();
    }

    public void policyChanged() {
        settlement = null;
        try {
            departments = policy == null ? List.of() : ledger.departments(policy);
        } catch (ProblemException problem) {
            departments = List.of();
        }
        if (department == null || !departments.contains(department)) {
            department = departments.isEmpty() ? null : departments.get(0);
        }
    }

    /** The button: the settlement of the department chosen for the period chosen. */
    public void compute() {
        try {
            settlement = ledger.settlement(policy, department, from, to, null);
        } catch (ProblemException problem) {
            settlement = null;
            ScreenMessages.refused(problem, "settlement.field.", null);
        }
    }

    /** The statement: title, department, period and area, a line per category, the totals. */
    public StreamedContent getXlsx() {
        if (settlement == null) {
            return null;
        }
        SubsidyLedger.Settlement s = settlement;
        String[] heads = {"code", "name", "payments", "subsidyPaid", "reversals", "subsidyReversed", "subsidyNet"};
        byte[] bytes;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(Texts.text("settlement.title", "Settlement"));
            sheet.createRow(0).createCell(0).setCellValue(Texts.text("settlement.title", "Settlement") + " · " + s.department());
            sheet.createRow(1).createCell(0).setCellValue(Texts.text("quote.policy", "policy") + " " + s.policyId() + " · "
                    + s.from() + " ~ " + s.to() + " · " + regions.find(s.regionCode()).map(r -> r.getName()).orElse(s.regionCode()));
            Row head = sheet.createRow(2);
            for (int i = 0; i < heads.length; i++) {
                head.createCell(i).setCellValue(Texts.text("settlement.col." + heads[i], heads[i]));
                sheet.setColumnWidth(i, (i == 1 ? 24 : 13) * 256);
            }
            sheet.createFreezePane(0, 3);
            int n = 3;
            for (SubsidyLedger.SettlementLine l : s.lines()) {
                Row row = sheet.createRow(n++);
                row.createCell(0).setCellValue(l.subsidyCode());
                row.createCell(1).setCellValue(l.name());
                row.createCell(2).setCellValue(l.payments());
                row.createCell(3).setCellValue(l.subsidyPaid().doubleValue());
                row.createCell(4).setCellValue(l.reversals());
                row.createCell(5).setCellValue(l.subsidyReversed().doubleValue());
                row.createCell(6).setCellValue(l.subsidyNet().doubleValue());
            }
            Row total = sheet.createRow(n);
            total.createCell(0).setCellValue(Texts.text("progress.total", "total"));
            total.createCell(2).setCellValue(s.payments());
            total.createCell(3).setCellValue(s.subsidyPaid().doubleValue());
            total.createCell(4).setCellValue(s.reversals());
            total.createCell(5).setCellValue(s.subsidyReversed().doubleValue());
            total.createCell(6).setCellValue(s.subsidyNet().doubleValue());
            workbook.write(out);
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DefaultStreamedContent.builder().name("settlement-" + s.policyId() + "-" + s.from() + "-" + s.to() + ".xlsx")
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    /**
     * The statement to sign (结算单): A4 in the receipts' embedded CJK font — department, policy, period and area, a line
     * per category (payments, subsidy paid, reversals, subsidy taken back, net), the totals, the net in capitals, and the
     * lines for the signatures and the seals of the department and the medical insurance bureau.
     */
    public StreamedContent getPdf() {
        if (settlement == null) {
            return null;
        }
        SubsidyLedger.Settlement s = settlement;
        com.lowagie.text.pdf.BaseFont font = pdfReceipts.font();
        String title = Texts.text("settlement.title", "Settlement");
        String[] heads = {"code", "name", "payments", "subsidyPaid", "reversals", "subsidyReversed", "subsidyNet"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.lowagie.text.Document document = new com.lowagie.text.Document(com.lowagie.text.PageSize.A4, 36, 36, 36, 36);
        try {
            com.lowagie.text.pdf.PdfWriter writer = com.lowagie.text.pdf.PdfWriter.getInstance(document, out);
            document.addTitle(title + " " + s.department() + " " + s.from() + " " + s.to());
            document.addCreator("Canbao");
            document.open();
            com.lowagie.text.Font small = new com.lowagie.text.Font(font, 9);
            com.lowagie.text.Font bold = new com.lowagie.text.Font(font, 9, com.lowagie.text.Font.BOLD);
            com.lowagie.text.Paragraph heading = new com.lowagie.text.Paragraph(title + " · " + s.department(),
                    new com.lowagie.text.Font(font, 15, com.lowagie.text.Font.BOLD));
            heading.setAlignment(com.lowagie.text.Element.ALIGN_CENTER);
            document.add(heading);
            com.lowagie.text.Paragraph about = new com.lowagie.text.Paragraph(Texts.text("quote.policy", "policy") + " " + s.policyId()
                    + " · " + s.from() + " ~ " + s.to() + " · "
                    + regions.find(s.regionCode()).map(r -> r.getName()).orElse(s.regionCode()), small);
            about.setAlignment(com.lowagie.text.Element.ALIGN_CENTER);
            about.setSpacingAfter(10);
            document.add(about);
            com.lowagie.text.pdf.PdfPTable table = new com.lowagie.text.pdf.PdfPTable(new float[] {7, 27, 9, 13, 9, 13, 13});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            for (String h : heads) {
                table.addCell(new com.lowagie.text.Phrase(Texts.text("settlement.col." + h, h), bold));
            }
            for (SubsidyLedger.SettlementLine l : s.lines()) {
                for (String cell : new String[] {l.subsidyCode(), l.name(), String.valueOf(l.payments()), l.subsidyPaid().toPlainString(),
                        String.valueOf(l.reversals()), l.subsidyReversed().toPlainString(), l.subsidyNet().toPlainString()}) {
                    table.addCell(new com.lowagie.text.Phrase(cell, small));
                }
            }
            com.lowagie.text.pdf.PdfPCell total = new com.lowagie.text.pdf.PdfPCell(new com.lowagie.text.Phrase(Texts.text("progress.total", "total"), bold));
            total.setColspan(2);
            table.addCell(total);
            for (String cell : new String[] {String.valueOf(s.payments()), s.subsidyPaid().toPlainString(), String.valueOf(s.reversals()),
                    s.subsidyReversed().toPlainString(), s.subsidyNet().toPlainString()}) {
                table.addCell(new com.lowagie.text.Phrase(cell, bold));
            }
            document.add(table);
            com.lowagie.text.Paragraph net = new com.lowagie.text.Paragraph(Texts.text("settlement.netInWords", "Net in words") + "："
                    + cn.canbao.platform.entity.AmountInWords.renminbi(s.subsidyNet()) + "（¥" + s.subsidyNet().toPlainString() + "）", bold);
            net.setSpacingBefore(10);
            document.add(net);
            com.lowagie.text.Paragraph signatures = new com.lowagie.text.Paragraph(Texts.text("settlement.signatures",
                    "Prepared by ______  Checked by ______  Department (seal) ______  Medical insurance bureau (seal) ______"), small);
            signatures.setSpacingBefore(36);
            document.add(signatures);
            com.lowagie.text.Paragraph printed = new com.lowagie.text.Paragraph(Texts.text("progress.report.asOf", "as of") + " "
                    + LocalDate.now(clock), small);
            printed.setAlignment(com.lowagie.text.Element.ALIGN_RIGHT);
            document.add(printed);
            document.close();
            writer.close();
        } catch (com.lowagie.text.DocumentException e) {
            throw new UncheckedIOException(new IOException("settlement " + s.department() + " failed", e));
        }
        byte[] bytes = out.toByteArray();
        return DefaultStreamedContent.builder().name("settlement-" + s.policyId() + "-" + s.from() + "-" + s.to() + ".pdf")
                .contentType("application/pdf").stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getDepartment() { return department; }
    public void setDepartment(String department) { this.department = department; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public List<Policies.Summary> getPolicyChoices() { return policyChoices; }
    public List<String> getDepartments() { return departments; }
    public SubsidyLedger.Settlement getSettlement() { return settlement; }
}
