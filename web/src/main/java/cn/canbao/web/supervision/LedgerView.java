package cn.canbao.web.supervision;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.supervision.boundary.SubsidyLedger;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code supervision/ledger.xhtml?policy=&region=}: the subsidy ledger (资助参保台账) of the area — per category of the
 * policy's catalogue, holders, enrolled, paid, not yet paid, the subsidy and personal amounts ({@link SubsidyLedger}),
 * with totals and an XLSX export; for town officers and the district bureau the holders not yet paid, a page at a
 * time (supervisors see figures only).
 */
@Named
@ViewScoped
public class LedgerView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SubsidyLedger ledger;

    @Inject
    transient Policies policies;

    @Inject
    transient Regions regions;

    @Inject
    UserSession userSession;

    private String policy;
    private String region;
    private String regionName;
    private List<Policies.Summary> policyChoices = List.of();
    private List<SubsidyLedger.Line> lines = List.of();
    private String refusal;
    private final Missing missing = new Missing();
    private long missingTotal = -1;

    /** The holders not yet paid, read a page at a time. */
    public class Missing extends LazyDataModel<SubsidyLedger.NotEnrolled> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            if (missingTotal < 0) {
                missingTotal = ledger.notEnrolled(policy, region, null, 0, 1).total();
            }
            return (int) missingTotal;
        }

        @Override
        public List<SubsidyLedger.NotEnrolled> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return ledger.notEnrolled(policy, region, null, first, pageSize).persons();
        }

        @Override
        public String getRowKey(SubsidyLedger.NotEnrolled row) {
            return row.idNumber() + row.name();
        }

        @Override
        public SubsidyLedger.NotEnrolled getRowData(String rowKey) {
            return null;
        }
    }

    public void load() {
        String own = userSession.getRegionCode();
        if (region == null || region.isBlank()) {
            region = own;
        }
        policyChoices = cn.canbao.web.platform.PolicyChoices.around(policies, regions, own);
        if ((policy == null || policy.isBlank()) && !policyChoices.isEmpty()) {
            policy = policyChoices.get(0).policyId();
        }
        refresh();
    }

    public void refresh() {
        refusal = null;
        missingTotal = -1;
        regionName = regions.find(region).map(Region::getName).orElse(region);
        try {
            lines = ledger.ledger(policy, region);
        } catch (ProblemException problem) {
            lines = List.of();
            refusal = Texts.refusal(problem);
        }
    }

    /** Whether the caller may see the persons (town officers and the district bureau; supervisors see figures). */
    public boolean isPersonsVisible() {
        return userSession.hasRole("town_officer") || userSession.hasRole("district_admin");
    }

    public long getHolders() { return lines.stream().mapToLong(SubsidyLedger.Line::holders).sum(); }
    public long getPaid() { return lines.stream().mapToLong(SubsidyLedger.Line::paid).sum(); }
    public BigDecimal getSubsidy() { return lines.stream().map(SubsidyLedger.Line::subsidyAmount).reduce(BigDecimal.ZERO, BigDecimal::add); }
    public BigDecimal getPersonal() { return lines.stream().map(SubsidyLedger.Line::personalAmount).reduce(BigDecimal.ZERO, BigDecimal::add); }

    /** A category's coverage: paid among holders, in percent with one decimal; — without holders. */
    public String coverage(SubsidyLedger.Line line) {
        return line.holders() == 0 ? "—" : BigDecimal.valueOf(line.paid() * 1000 / line.holders(), 1).toPlainString() + "%";
    }

    /** The ledger as a workbook: a title with the region, policy and date, a header, a line per category, the total. */
    public StreamedContent getXlsx() {
        String[] heads = {"code", "name", "department", "holders", "enrolled", "paid", "notEnrolled", "subsidy", "personal"};
        byte[] bytes;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(Texts.text("ledger.title", "Subsidy ledger"));
            sheet.createRow(0).createCell(0).setCellValue(Texts.text("ledger.title", "Subsidy ledger") + " · " + regionName + " " + region);
            sheet.createRow(1).createCell(0).setCellValue(Texts.text("quote.policy", "policy") + " " + policy);
            Row head = sheet.createRow(2);
            for (int i = 0; i < heads.length; i++) {
                head.createCell(i).setCellValue(Texts.text("ledger.col." + heads[i], heads[i]));
                sheet.setColumnWidth(i, (i == 1 || i == 2 ? 24 : 11) * 256);
            }
            sheet.createFreezePane(0, 3);
            int n = 3;
            for (SubsidyLedger.Line l : lines) {
                Row row = sheet.createRow(n++);
                row.createCell(0).setCellValue(l.subsidyCode());
                row.createCell(1).setCellValue(l.name());
                row.createCell(2).setCellValue(l.fundingDepartment() != null ? l.fundingDepartment() : l.certifyingDepartment());
                row.createCell(3).setCellValue(l.holders());
                row.createCell(4).setCellValue(l.enrolled());
                row.createCell(5).setCellValue(l.paid());
                row.createCell(6).setCellValue(l.notEnrolled());
                row.createCell(7).setCellValue(l.subsidyAmount().doubleValue());
                row.createCell(8).setCellValue(l.personalAmount().doubleValue());
            }
            Row total = sheet.createRow(n);
            total.createCell(0).setCellValue(Texts.text("progress.total", "total"));
            total.createCell(3).setCellValue(getHolders());
            total.createCell(5).setCellValue(getPaid());
            total.createCell(7).setCellValue(getSubsidy().doubleValue());
            total.createCell(8).setCellValue(getPersonal().doubleValue());
            workbook.write(out);
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DefaultStreamedContent.builder().name("ledger-" + policy + "-" + region + ".xlsx")
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    @Inject
    transient cn.canbao.web.collection.PdfReceipts pdfReceipts;

    @Inject
    transient java.time.Clock clock;

    /** The ledger as PDF (A4 landscape, the receipts' embedded CJK font): title, policy, date, a line per category, the total. */
    public StreamedContent getPdf() {
        com.lowagie.text.pdf.BaseFont font = pdfReceipts.font();
        String title = Texts.text("ledger.title", "Subsidy ledger");
        String[] heads = {"code", "name", "department", "holders", "enrolled", "paid", "notEnrolled", "coverage", "subsidy", "personal"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.lowagie.text.Document document = new com.lowagie.text.Document(com.lowagie.text.PageSize.A4.rotate(), 30, 30, 30, 30);
        try {
            com.lowagie.text.pdf.PdfWriter writer = com.lowagie.text.pdf.PdfWriter.getInstance(document, out);
            document.addTitle(title + " " + policy + " " + region);
            document.addCreator("Canbao");
            document.open();
            com.lowagie.text.Paragraph heading = new com.lowagie.text.Paragraph(title + " · " + regionName,
                    new com.lowagie.text.Font(font, 15, com.lowagie.text.Font.BOLD));
            heading.setAlignment(com.lowagie.text.Element.ALIGN_CENTER);
            document.add(heading);
            com.lowagie.text.Paragraph about = new com.lowagie.text.Paragraph(Texts.text("quote.policy", "policy") + " " + policy
                    + " · " + region + " · " + Texts.text("progress.report.asOf", "as of") + " " + java.time.LocalDate.now(clock),
                    new com.lowagie.text.Font(font, 9));
            about.setAlignment(com.lowagie.text.Element.ALIGN_CENTER);
            about.setSpacingAfter(8);
            document.add(about);
            com.lowagie.text.pdf.PdfPTable table = new com.lowagie.text.pdf.PdfPTable(new float[] {6, 22, 14, 7, 7, 7, 7, 7, 10, 10});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            com.lowagie.text.Font small = new com.lowagie.text.Font(font, 8);
            com.lowagie.text.Font bold = new com.lowagie.text.Font(font, 8, com.lowagie.text.Font.BOLD);
            for (String h : heads) {
                table.addCell(new com.lowagie.text.Phrase(Texts.text("ledger.col." + h, h), bold));
            }
            for (SubsidyLedger.Line l : lines) {
                for (String cell : new String[] {l.subsidyCode(), l.name(),
                        l.fundingDepartment() != null ? l.fundingDepartment() : l.certifyingDepartment(),
                        String.valueOf(l.holders()), String.valueOf(l.enrolled()), String.valueOf(l.paid()),
                        String.valueOf(l.notEnrolled()), coverage(l), l.subsidyAmount().toPlainString(), l.personalAmount().toPlainString()}) {
                    table.addCell(new com.lowagie.text.Phrase(cell, small));
                }
            }
            com.lowagie.text.pdf.PdfPCell total = new com.lowagie.text.pdf.PdfPCell(new com.lowagie.text.Phrase(
                    Texts.text("progress.total", "total"), bold));
            total.setColspan(3);
            table.addCell(total);
            table.addCell(new com.lowagie.text.Phrase(String.valueOf(getHolders()), bold));
            table.addCell(new com.lowagie.text.Phrase("", bold));
            table.addCell(new com.lowagie.text.Phrase(String.valueOf(getPaid()), bold));
            com.lowagie.text.pdf.PdfPCell gap = new com.lowagie.text.pdf.PdfPCell(new com.lowagie.text.Phrase(""));
            gap.setColspan(2);
            table.addCell(gap);
            table.addCell(new com.lowagie.text.Phrase(getSubsidy().toPlainString(), bold));
            table.addCell(new com.lowagie.text.Phrase(getPersonal().toPlainString(), bold));
            document.add(table);
            document.close();
            writer.close();
        } catch (com.lowagie.text.DocumentException e) {
            throw new UncheckedIOException(new IOException("ledger " + policy + " " + region + " failed", e));
        }
        byte[] bytes = out.toByteArray();
        return DefaultStreamedContent.builder().name("ledger-" + policy + "-" + region + ".pdf").contentType("application/pdf")
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getRegionName() { return regionName; }
    public List<Policies.Summary> getPolicyChoices() { return policyChoices; }
    public List<SubsidyLedger.Line> getLines() { return lines; }
    public String getRefusal() { return refusal; }
    public Missing getMissing() { return missing; }
}
