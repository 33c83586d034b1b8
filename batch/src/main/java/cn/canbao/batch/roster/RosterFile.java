package cn.canbao.batch.roster;

import cn.canbao.subsidy.control.RosterImporter.Row;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 * The data rows of a roster file (CSV, XLSX or the JSON rows of the API). The first row of a file is its header;
 * columns are found by name (Chinese or English, any order): ID number and name are required, region and subsidy
 * code optional. Row numbers are those a department sees in its spreadsheet (header = 1); blank rows are skipped.
 * XLSX is read from the first sheet with POI's event API (SAX over the sheet XML, no workbook object model).
 */
final class RosterFile {

    static final List<String> ID_NUMBER = List.of("idnumber", "身份证号", "身份证号码", "公民身份号码", "证件号码", "id number", "id_number");
    static final List<String> NAME = List.of("name", "姓名");
    static final List<String> REGION = List.of("region", "regioncode", "行政区划", "地区", "村（社区）", "村(社区)");
    static final List<String> SUBSIDY_CODE = List.of("subsidycode", "资助类别代码", "资助身份代码", "类别代码");

    private RosterFile() {
    }

    static List<Row> rows(String format, byte[] content) {
        try {
            return switch (format) {
                case "CSV" -> table(csv(content));
                case "XLSX" -> table(xlsx(content));
                case "JSON" -> json(content);
                default -> throw new IllegalArgumentException("unknown roster format " + format);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable roster file: " + e.getMessage(), e);
        }
    }

    /** Row number → cells, for a file with a header row. */
    private static List<Row> table(TreeMap<Integer, List<String>> cells) {
        Iterator<Map.Entry<Integer, List<String>>> it = cells.entrySet().iterator();
        if (!it.hasNext()) {
            return List.of();
        }
        List<String> header = it.next().getValue().stream().map(h -> h == null ? "" : h.trim().toLowerCase(Locale.ROOT)).toList();
        int id = column(header, ID_NUMBER);
        int name = column(header, NAME);
        if (id < 0 || name < 0) {
            throw new IllegalArgumentException("the header row needs an ID number column (" + ID_NUMBER
                    + ") and a name column (" + NAME + "); it reads " + header);
        }
        int region = column(header, REGION);
        int code = column(header, SUBSIDY_CODE);
        List<Row> rows = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<Integer, List<String>> e = it.next();
            List<String> c = e.getValue();
            if (c.stream().allMatch(v -> v == null || v.isBlank())) {
                continue;
            }
            rows.add(new Row(e.getKey(), cell(c, id), cell(c, name), cell(c, region), cell(c, code)));
        }
        return rows;
    }

    private static int column(List<String> header, List<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i).replace("\uFEFF", ""))) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(List<String> cells, int i) {
        return i < 0 || i >= cells.size() || cells.get(i) == null ? null : cells.get(i).trim();
    }

    private static TreeMap<Integer, List<String>> csv(byte[] content) throws IOException {
        TreeMap<Integer, List<String>> cells = new TreeMap<>();
        try (Reader in = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8);
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

    /** The API's JSON rows: {@code [{"idNumber": ..., "name": ..., "region": ..., "subsidyCode": ...}]}; row i is i + 1. */
    private static List<Row> json(byte[] content) {
        List<Row> rows = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(content))) {
            JsonArray array = reader.readArray();
            for (int i = 0; i < array.size(); i++) {
                JsonValue v = array.get(i);
                if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                    rows.add(new Row(i + 1, null, null, null, null));
                    continue;
                }
                JsonObject o = v.asJsonObject();
                rows.add(new Row(i + 1, text(o, "idNumber"), text(o, "name"), text(o, "region"), text(o, "subsidyCode")));
            }
        }
        return rows;
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : v == null || v == JsonValue.NULL ? null : v.toString();
    }

}
