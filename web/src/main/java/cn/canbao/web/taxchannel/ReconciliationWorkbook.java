package cn.canbao.web.taxchannel;

import cn.canbao.taxchannel.boundary.Reconciliation;
import cn.canbao.web.platform.Texts;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The reconciliation as an XLSX workbook for the district bureau and tax: a sheet of days × channels × tax offices with
 * both sides, differences and totals, and a sheet per direction of differences; titled with the area and period,
 * header rows frozen, amounts as numbers with two decimals.
 */
final class ReconciliationWorkbook {

    private ReconciliationWorkbook() {
    }

    static byte[] of(Reconciliation.Report report, String areaName) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));

            Sheet sheet = workbook.createSheet(Texts.text("recon.sheet.totals", "totals"));
            title(sheet, bold, Texts.text("recon.title", "Reconciliation") + " · " + areaName + " · " + report.from() + " – " + report.to());
            header(sheet, bold, "recon.col.day", "recon.col.channel", "recon.col.taxOffice", "recon.col.taxCount", "recon.col.taxAmount",
                    "recon.col.recordedCount", "recon.col.recordedAmount", "recon.col.difference");
            int n = 2;
            for (Reconciliation.Row r : report.rows()) {
                Row row = sheet.createRow(n++);
                row.createCell(0).setCellValue(r.day().toString());
                row.createCell(1).setCellValue(Texts.text("channel." + r.channel(), r.channel()));
                row.createCell(2).setCellValue(r.taxOffice() == null ? "" : r.taxOffice());
                row.createCell(3).setCellValue(r.taxCount());
                amount(row, 4, r.taxAmount(), money);
                row.createCell(5).setCellValue(r.recordedCount());
                amount(row, 6, r.recordedAmount(), money);
                amount(row, 7, r.difference(), money);
            }
            Row total = sheet.createRow(n);
            cell(total, 0, Texts.text("progress.total", "Total"), bold);
            total.createCell(3).setCellValue(report.taxCount());
            amount(total, 4, report.taxAmount(), money);
            total.createCell(5).setCellValue(report.recordedCount());
            amount(total, 6, report.recordedAmount(), money);
            amount(total, 7, report.taxAmount().subtract(report.recordedAmount()), money);
            widths(sheet, 12, 12, 36, 12, 14, 12, 14, 14);

            differences(workbook.createSheet(Texts.text("recon.sheet.notRecorded", "not recorded")), bold, money,
                    Texts.text("recon.notRecorded", "In tax files, no payment in Canbao"), report.notRecorded(), report.notRecordedTotal());
            differences(workbook.createSheet(Texts.text("recon.sheet.notInFiles", "not in files")), bold, money,
                    Texts.text("recon.notInFiles", "Recorded in Canbao, in no tax file"), report.notInFiles(), report.notInFilesTotal());
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void differences(Sheet sheet, CellStyle bold, CellStyle money, String title,
                                    java.util.List<Reconciliation.Difference> list, long total) {
        title(sheet, bold, title + " · " + total);
        header(sheet, bold, "recon.col.day", "recon.col.channel", "recon.col.taxOffice", "recon.col.transactionId",
                "recon.col.idNumber", "recon.col.amount", "recon.col.code", "recon.col.detail");
        int n = 2;
        for (Reconciliation.Difference d : list) {
            Row row = sheet.createRow(n++);
            row.createCell(0).setCellValue(d.day() == null ? "" : d.day().toString());
            row.createCell(1).setCellValue(d.channel() == null ? "" : Texts.text("channel." + d.channel(), d.channel()));
            row.createCell(2).setCellValue(d.taxOffice() == null ? "" : d.taxOffice());
            row.createCell(3).setCellValue(d.transactionId() == null ? "" : d.transactionId());
            row.createCell(4).setCellValue(d.idNumber() == null ? "" : d.idNumber());
            if (d.amount() != null) {
                amount(row, 5, d.amount(), money);
            }
            row.createCell(6).setCellValue(d.code() == null ? "" : Texts.text("recon.code." + d.code(), d.code()));
            row.createCell(7).setCellValue(d.detail() == null ? "" : d.detail());
        }
        widths(sheet, 12, 12, 36, 24, 22, 12, 16, 60);
    }

    private static void title(Sheet sheet, CellStyle bold, String text) {
        cell(sheet.createRow(0), 0, text, bold);
    }

    private static void header(Sheet sheet, CellStyle bold, String... keys) {
        Row head = sheet.createRow(1);
        for (int i = 0; i < keys.length; i++) {
            cell(head, i, Texts.text(keys[i], keys[i]), bold);
        }
        sheet.createFreezePane(0, 2);
    }

    private static void cell(Row row, int i, String text, CellStyle style) {
        Cell c = row.createCell(i);
        c.setCellValue(text);
        c.setCellStyle(style);
    }

    private static void amount(Row row, int i, BigDecimal amount, CellStyle money) {
        Cell c = row.createCell(i);
        c.setCellValue(amount.doubleValue());
        c.setCellStyle(money);
    }

    private static void widths(Sheet sheet, int... chars) {
        for (int i = 0; i < chars.length; i++) {
            sheet.setColumnWidth(i, chars[i] * 256); // fixed: autoSizeColumn needs AWT fonts
        }
    }
}
