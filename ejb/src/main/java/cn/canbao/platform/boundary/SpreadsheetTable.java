package cn.canbao.platform.boundary;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A spreadsheet a department or police station uploads (CSV in UTF-8 or GBK, or the first sheet of an XLSX file), as its
 * header and its data rows by the row numbers the sender sees (header = 1). Columns are found by name, so senders may
 * order them as they like. XLSX is read with POI's event API (SAX over the sheet XML, no workbook object model); CSV
 * with Apache Commons CSV. Shared by the roster import and the household comparison.
 */
public final class SpreadsheetTable {

    private final List<String> header;
    private final TreeMap<Integer, List<String>> rows;

    private SpreadsheetTable(List<String> header, TreeMap<Integer, List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    /** Reads a {@code CSV} or {@code XLSX} file; an unreadable file is an {@link IllegalArgumentException} naming {@code what}. */
    public static SpreadsheetTable read(String format, byte[] content, String what) {
        return read(format, content, what, null);
    }

    /**
     * As {@link #read(String, byte[], String)}, a CSV file in {@code charset} when given, otherwise in the one
     * {@link #csvCharset} detects.
     */
    public static SpreadsheetTable read(String format, byte[] content, String what, java.nio.charset.Charset charset) {
        TreeMap<Integer, List<String>> cells;
        try {
            cells = switch (format) {
                case "CSV" -> csv(content, charset == null ? csvCharset(content) : charset);
                case "XLSX" -> xlsx(content);
                default -> throw new IllegalArgumentException("unknown " + what + " format " + format);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + what + ": " + e.getMessage(), e);
        }
        Iterator<Map.Entry<Integer, List<String>>> it = cells.entrySet().iterator();
        if (!it.hasNext()) {
            return new SpreadsheetTable(List.of(), new TreeMap<>());
        }
        List<String> header = it.next().getValue().stream()
                .map(h -> h == null ? "" : h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
        TreeMap<Integer, List<String>> data = new TreeMap<>();
        while (it.hasNext()) {
            Map.Entry<Integer, List<String>> e = it.next();
            if (e.getValue().stream().anyMatch(v -> v != null && !v.isBlank())) {
                data.put(e.getKey(), e.getValue());
            }
        }
        return new SpreadsheetTable(header, data);
    }

    /**
     * An uploaded file read as {@link #read} does; one that cannot be read is the caller's problem (400 INVALID_INPUT on
     * the field {@code file}), so every boundary taking a file answers it the same way.
     */
    public static SpreadsheetTable upload(String format, byte[] content, String what) {
        try {
            return read(format, content, what);
        } catch (IllegalArgumentException unreadable) {
            throw ProblemException.badRequest("INVALID_INPUT", "文件无法读取", "unreadable file",
                    List.of(new ProblemException.FieldError("file", "无法读取 / unreadable")));
        }
    }

    public boolean isEmpty() {
        return header.isEmpty();
    }

    /** The header cells, trimmed and in lower case (a byte-order mark dropped). */
    public List<String> header() {
        return header;
    }

    /** Index of the first header cell that is one of {@code names} (lower case), or -1. */
    public int column(List<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The non-blank data rows: row number → cells. */
    public Map<Integer, List<String>> rows() {
        return rows;
    }

    /** A cell trimmed, or null when the row has no such cell or the column is absent ({@code i < 0}). */
    public static String cell(List<String> cells, int i) {
        return i < 0 || i >= cells.size() || cells.get(i) == null ? null : cells.get(i).trim();
    }

    /**
     * The encoding of a CSV file: UTF-8 when every byte sequence of it is valid UTF-8 (a byte-order mark or not), else
     * GB18030, the superset of GBK in which Excel and the tax bureau's systems on Chinese Windows save CSV. GBK text
     * of more than a few characters is practically never valid UTF-8 (its two-byte characters rarely form UTF-8's
     * continuation patterns), so the test decides.
     */
    public static java.nio.charset.Charset csvCharset(byte[] content) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(content));
            return StandardCharsets.UTF_8;
        } catch (java.nio.charset.CharacterCodingException e) {
            return java.nio.charset.Charset.forName("GB18030");
        }
    }

    private static TreeMap<Integer, List<String>> csv(byte[] content, java.nio.charset.Charset charset) throws IOException {
        TreeMap<Integer, List<String>> cells = new TreeMap<>();
        try (Reader in = new InputStreamReader(new ByteArrayInputStream(content), charset);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get().parse(in)) {
            int line = 0;
            for (CSVRecord record : parser) {
                line++;
                cells.put(line, record.toList());
            }
        }
        return cells;
    }

    private static TreeMap<Integer, List<String>> xlsx(byte[] content) throws IOException {
        TreeMap<Integer, List<String>> cells = new TreeMap<>();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return cells;
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new XSSFSheetXMLHandler.SheetContentsHandler() {
                    private List<String> row;

                    @Override
                    public void startRow(int rowNum) {
                        row = new ArrayList<>();
                        cells.put(rowNum + 1, row);
                    }

                    @Override
                    public void endRow(int rowNum) {
                    }

                    @Override
                    public void cell(String reference, String value, XSSFComment comment) {
                        int col = new org.apache.poi.ss.util.CellReference(reference).getCol();
                        while (row.size() < col) {
                            row.add(null);
                        }
                        row.add(value);
                    }
                }, new DataFormatter(Locale.ROOT), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (org.apache.poi.openxml4j.exceptions.OpenXML4JException | org.xml.sax.SAXException
                 | javax.xml.parsers.ParserConfigurationException e) {
            throw new IOException(e.getMessage(), e);
        }
        return cells;
    }
}
