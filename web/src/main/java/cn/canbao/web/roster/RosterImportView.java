package cn.canbao.web.roster;

import cn.canbao.batch.boundary.RosterImports;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.roster.boundary.Rosters;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code roster/import.xhtml?id=}: one roster import as it runs — status, rows read, accepted, rejected — refreshed
 * every two seconds (p:poll) until the job ends; then the rejected rows with their reasons, as CSV or XLSX too.
 */
@Named
@ViewScoped
public class RosterImportView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static final String[] COLUMNS = {"rowNumber", "idNumber", "name", "reason", "message"};
    private static final int SHEET_MAX = 1000;

    @Inject
    transient RosterImports imports;

    @Inject
    RosterLabels labels;

    private Long id;
    private Rosters.Report report;

    public void load() {
        if (id == null) {
            ScreenMessages.error(Texts.text("roster.import.unknown", "No such import"));
            return;
        }
        refresh();
    }

    public void refresh() {
        try {
            report = imports.report(id);
        } catch (ProblemException problem) {
            report = null;
            ScreenMessages.refused(problem, "roster.field.", null);
        }
    }

    public boolean isEnded() {
        return report == null || ENDED.contains(report.batchStatus());
    }

    /** The rejected row's explanation: the reason in the user's language, the importer's detail in English. */
    public String detail(Rosters.Reject reject) {
        return Texts.english() && reject.message() != null ? reject.message() : "";
    }

    public StreamedContent getCsv() {
        StringBuilder b = new StringBuilder("\uFEFF"); // a BOM: Excel then reads the file as UTF-8
        b.append(String.join(",", header())).append("\r\n");
        for (Rosters.Reject r : rejects()) {
            b.append(r.rowNumber()).append(',').append(csv(r.idNumber())).append(',').append(csv(r.name())).append(',')
                    .append(csv(labels.reason(r.reason()))).append(',').append(csv(r.message())).append("\r\n");
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().name("roster-" + id + "-rejects.csv").contentType("text/csv; charset=UTF-8")
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    public StreamedContent getXlsx() {
        byte[] bytes;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("rejects");
            Row head = sheet.createRow(0);
            String[] names = header();
            for (int i = 0; i < names.length; i++) {
                head.createCell(i).setCellValue(names[i]);
                sheet.setColumnWidth(i, (i == 4 ? 40 : 20) * 256); // fixed: autoSizeColumn needs AWT fonts
            }
            int n = 1;
            for (Rosters.Reject r : rejects()) {
                Row row = sheet.createRow(n++);
                row.createCell(0).setCellValue(r.rowNumber());
                row.createCell(1).setCellValue(r.idNumber() == null ? "" : r.idNumber());
                row.createCell(2).setCellValue(r.name() == null ? "" : r.name());
                row.createCell(3).setCellValue(labels.reason(r.reason()));
                row.createCell(4).setCellValue(r.message() == null ? "" : r.message());
            }
            workbook.write(out);
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DefaultStreamedContent.builder().name("roster-" + id + "-rejects.xlsx")
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    private String[] header() {
        String[] names = new String[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            names[i] = Texts.text("roster.col." + COLUMNS[i], COLUMNS[i]);
        }
        return names;
    }

    /** The rejected rows for the printed sheet ({@code roster/rejects.xhtml}): the first {@value #SHEET_MAX}; CSV and XLSX carry all. */
    public List<Rosters.Reject> getSheet() {
        List<Rosters.Reject> all = rejects();
        return all.size() > SHEET_MAX ? all.subList(0, SHEET_MAX) : all;
    }

    public boolean isSheetTruncated() {
        return rejects().size() > SHEET_MAX;
    }

    public int getSheetMax() {
        return SHEET_MAX;
    }

    private List<Rosters.Reject> rejects() {
        return report == null ? List.of() : report.rejects();
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Rosters.Report getReport() { return report; }
}
