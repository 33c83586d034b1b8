package cn.canbao.web.supervision;

import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.supervision.boundary.Progress;
import cn.canbao.web.collection.PdfReceipts;
import cn.canbao.web.platform.Texts;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress figures as files: the XLSX of the table on the screen, and the weekly report (周报) as PDF, which
 * walks from the region shown down to its villages (district → towns → villages), each level a table with rank,
 * target, enrolled, rate and the villages' scoring. Both read {@link Progress#byChildRegion} and write the same
 * columns ({@link #COLUMNS}, {@link #cells}).
 */
@RequestScoped
public class ProgressReport {

    /** The columns of both exports (keys {@code progress.col.*} of the messages). */
    static final String[] COLUMNS = {"rank", "regionCode", "region", "target", "enrolled", "ratePercent",
            "fundingPerPerson", "scoreChange", "interview"};

    /** One level of the report: the rows of the children of {@code regionCode}. */
    public record Section(String regionCode, String regionName, List<Progress.Row> rows) {
    }

    @Inject
    Progress progress;

    @Inject
    Regions regions;

    @Inject
    PdfReceipts pdfReceipts;

    @Inject
    Clock clock;

    @Inject
    cn.canbao.policy.boundary.Policies policies;

    /** The region's own level, then depth first each child region's level, down to the villages. */
    public List<Section> sections(String policy, String region) {
        List<Section> sections = new ArrayList<>();
        collect(policy, region, progress.byChildRegion(policy, region), sections);
        return sections;
    }

    private void collect(String policy, String region, List<Progress.Row> rows, List<Section> into) {
        into.add(new Section(region, regions.find(region).map(Region::getName).orElse(region), rows));
        for (Progress.Row row : rows.stream().sorted(java.util.Comparator.comparing(Progress.Row::regionCode)).toList()) {
            if (!"VILLAGE".equals(row.level())) {
                collect(policy, row.regionCode(), progress.byChildRegion(policy, row.regionCode()), into);
            }
        }
    }

    /** A row's cells as text, in the order of {@link #COLUMNS}; empty where there is no figure. */
    static List<String> cells(Progress.Row r) {
        Progress.Score s = r.scoring().isEmpty() ? null : r.scoring().get(0);
        return List.of(r.rank() == 0 ? "—" : String.valueOf(r.rank()), r.regionCode(), r.regionName(),
                String.valueOf(r.target()), String.valueOf(r.enrolled()), plain(r.rate()),
                s == null ? "" : plain(s.fundingPerPerson()), s == null ? "" : plain(s.scoreChange()),
                s == null ? "" : Texts.text(s.interview() ? "policy.yes" : "policy.no", s.interview() ? "yes" : "no"));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /**
     * The progress as a workbook (the screen's XLSX export), as a report to file or forward: a title with the region,
     * the policy and the business date, one header row (frozen), then every level from the region down to the
     * villages — each level's rows under the name of the region they belong to, followed by that level's total
     * (target, enrolled, rate). Figures are numbers, rates with two decimals.
     */
    public byte[] xlsx(String policy, String region) {
        List<Section> sections = sections(policy, region);
        String regionName = regions.find(region).map(Region::getName).orElse(region);
        String policyName = policies.list().stream().filter(p -> p.policyId().equals(policy)).map(p -> p.policyId() + " " + p.name())
                .findFirst().orElse(policy);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(Texts.text("progress.title", "Progress"));
            org.apache.poi.ss.usermodel.Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            org.apache.poi.ss.usermodel.CellStyle bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            org.apache.poi.ss.usermodel.Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            org.apache.poi.ss.usermodel.CellStyle titleStyle = workbook.createCellStyle();
            titleStyle.setFont(titleFont);
            org.apache.poi.ss.usermodel.CellStyle rate = workbook.createCellStyle();
            rate.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
            org.apache.poi.ss.usermodel.CellStyle boldRate = workbook.createCellStyle();
            boldRate.cloneStyleFrom(rate);
            boldRate.setFont(boldFont);

            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue(Texts.text("progress.report.title", "Weekly enrollment report") + " · " + regionName);
            title.getCell(0).setCellStyle(titleStyle);
            sheet.createRow(1).createCell(0).setCellValue(Texts.text("quote.policy", "Policy") + "：" + policyName);
            sheet.createRow(2).createCell(0).setCellValue(Texts.text("progress.report.asOf", "As of") + "：" + LocalDate.now(clock));
            Row header = sheet.createRow(3);
            header.createCell(0).setCellValue(Texts.text("progress.col.parent", "Level"));
            header.getCell(0).setCellStyle(bold);
            for (int i = 0; i < COLUMNS.length; i++) {
                header.createCell(i + 1).setCellValue(Texts.text("progress.col." + COLUMNS[i], COLUMNS[i]));
                header.getCell(i + 1).setCellStyle(bold);
            }
            sheet.createFreezePane(0, 4);
            int n = 4;
            for (Section section : sections) {
                long target = 0;
                long enrolled = 0;
                for (Progress.Row r : section.rows()) {
                    Row row = sheet.createRow(n++);
                    row.createCell(0).setCellValue(section.regionName());
                    if (r.rank() > 0) {
                        row.createCell(1).setCellValue(r.rank());
                    }
                    row.createCell(2).setCellValue(r.regionCode());
                    row.createCell(3).setCellValue(r.regionName());
                    row.createCell(4).setCellValue(r.target());
                    row.createCell(5).setCellValue(r.enrolled());
                    if (r.rate() != null) {
                        row.createCell(6).setCellValue(r.rate().doubleValue());
                        row.getCell(6).setCellStyle(rate);
                    }
                    if (!r.scoring().isEmpty()) {
                        Progress.Score s = r.scoring().get(0);
                        if (s.fundingPerPerson() != null) {
                            row.createCell(7).setCellValue(s.fundingPerPerson().doubleValue());
                        }
                        if (s.scoreChange() != null) {
                            row.createCell(8).setCellValue(s.scoreChange().doubleValue());
                        }
                        row.createCell(9).setCellValue(cells(r).get(8));
                    }
                    target += r.target();
                    enrolled += r.enrolled();
                }
                Row total = sheet.createRow(n++);
                total.createCell(0).setCellValue(section.regionName() + " " + Texts.text("progress.total", "total"));
                total.getCell(0).setCellStyle(bold);
                total.createCell(4).setCellValue(target);
                total.createCell(5).setCellValue(enrolled);
                total.getCell(4).setCellStyle(bold);
                total.getCell(5).setCellStyle(bold);
                if (target > 0) {
                    total.createCell(6).setCellValue(BigDecimal.valueOf(enrolled).multiply(BigDecimal.valueOf(100))
                            .divide(BigDecimal.valueOf(target), 2, java.math.RoundingMode.HALF_UP).doubleValue());
                    total.getCell(6).setCellStyle(boldRate);
                }
                n++;    // a blank row between levels
            }
            for (int i = 0; i <= COLUMNS.length; i++) {
                // fixed widths: autoSizeColumn measures with AWT fonts, which a headless server may lack
                sheet.setColumnWidth(i, (i == 0 || i == 3 ? 22 : 12) * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The week against the week before (周报's 环比): newly enrolled in the last week of the campaign so far and in the
     * week before it, and the change in percent; null before the campaign's first week has ended.
     */
    static String weekOnWeek(List<Progress.Week> weeks, String pattern) {
        if (weeks.isEmpty()) {
            return null;
        }
        int last = weeks.size() - 1;
        long thisWeek = weeks.get(last).enrolled() - (last >= 1 ? weeks.get(last - 1).enrolled() : 0);
        long weekBefore = last >= 1 ? weeks.get(last - 1).enrolled() - (last >= 2 ? weeks.get(last - 2).enrolled() : 0) : 0;
        String change = last < 1 || weekBefore == 0 ? "—" : (thisWeek >= weekBefore ? "+" : "")
                + BigDecimal.valueOf(thisWeek - weekBefore).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(weekBefore), 1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
        return java.text.MessageFormat.format(pattern, weeks.get(last).weekEnding().toString(), String.valueOf(thisWeek),
                String.valueOf(weekBefore), change);
    }

    /** The weekly report: A4 landscape, one table per level, Chinese text in the receipts' CJK font. */
    public byte[] pdf(String policy, String region) {
        List<Section> sections = sections(policy, region);
        BaseFont font = pdfReceipts.font();
        String title = Texts.text("progress.report.title", "Weekly enrollment report");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 30, 30, 30, 30);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.addTitle(title + " " + policy + " " + region);
            document.addCreator("Canbao");
            document.open();
            Paragraph heading = new Paragraph(title, new Font(font, 15, Font.BOLD));
            heading.setAlignment(Element.ALIGN_CENTER);
            document.add(heading);
            Paragraph about = new Paragraph(Texts.text("quote.policy", "policy") + " " + policy + " · "
                    + sections.get(0).regionName() + " " + region + " · " + Texts.text("progress.report.asOf", "as of") + " "
                    + LocalDate.now(clock), new Font(font, 9, Font.NORMAL, Color.DARK_GRAY));
            about.setAlignment(Element.ALIGN_CENTER);
            about.setSpacingAfter(4);
            document.add(about);
            String week = weekOnWeek(progress.weekly(policy, region), Texts.text("progress.report.week",
                    "Week to {0}: {1} newly enrolled; the week before: {2}; change {3}"));
            if (week != null) {
                Paragraph change = new Paragraph(week, new Font(font, 10, Font.BOLD));
                change.setAlignment(Element.ALIGN_CENTER);
                change.setSpacingAfter(8);
                document.add(change);
            }
            for (Section section : sections) {
                Paragraph name = new Paragraph(section.regionName() + " " + section.regionCode(), new Font(font, 11, Font.BOLD));
                name.setSpacingBefore(6);
                name.setSpacingAfter(4);
                document.add(name);
                PdfPTable table = new PdfPTable(new float[] {6, 14, 20, 10, 10, 10, 12, 10, 8});
                table.setWidthPercentage(100);
                table.setHeaderRows(1);
                for (String column : COLUMNS) {
                    PdfPCell cell = new PdfPCell(new Phrase(Texts.text("progress.col." + column, column), new Font(font, 8, Font.BOLD)));
                    cell.setBackgroundColor(new Color(0xF3, 0xF3, 0xF3));
                    cell.setPadding(3);
                    table.addCell(cell);
                }
                long target = 0;
                long enrolled = 0;
                for (Progress.Row row : section.rows()) {
                    for (String text : cells(row)) {
                        PdfPCell cell = new PdfPCell(new Phrase(text, new Font(font, 8)));
                        cell.setPadding(3);
                        table.addCell(cell);
                    }
                    target += row.target();
                    enrolled += row.enrolled();
                }
                PdfPCell total = new PdfPCell(new Phrase(Texts.text("progress.total", "total"), new Font(font, 8, Font.BOLD)));
                total.setColspan(3);
                total.setPadding(3);
                table.addCell(total);
                table.addCell(new PdfPCell(new Phrase(String.valueOf(target), new Font(font, 8, Font.BOLD))));
                table.addCell(new PdfPCell(new Phrase(String.valueOf(enrolled), new Font(font, 8, Font.BOLD))));
                PdfPCell rest = new PdfPCell(new Phrase(""));
                rest.setColspan(4);
                table.addCell(rest);
                document.add(table);
            }
            document.close();
            writer.close();
        } catch (DocumentException e) {
            throw new UncheckedIOException(new IOException("progress report " + policy + " " + region + " failed", e));
        }
        return out.toByteArray();
    }
}
