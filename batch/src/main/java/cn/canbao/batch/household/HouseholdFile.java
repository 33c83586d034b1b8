package cn.canbao.batch.household;

import cn.canbao.person.control.HouseholdComparer.Row;
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
 * The data rows of a police household file (户籍人口名单, CSV in UTF-8 or XLSX). The first row is the header; columns
 * are found by name (Chinese or English, any order): ID number, name and village/region code required; household
 * number, status (正常/在册, 死亡, 注销) and date of death optional. Row numbers as in the spreadsheet (header = 1);
 * blank rows are skipped. XLSX is read from the first sheet with POI's event API (SAX, no workbook object model), the
 * same way as the roster files of {@code roster-import}.
 */
final class HouseholdFile {

    static final List<String> ID_NUMBER = List.of("idnumber", "身份证号", "身份证号码", "公民身份号码", "证件号码", "id number", "id_number");
    static final List<String> NAME = List.of("name", "姓名");
    static final List<String> HOUSEHOLD = List.of("householdnumber", "household number", "户号", "户编号", "户籍编号");
    static final List<String> REGION = List.of("regioncode", "region", "villagecode", "行政区划", "行政区划代码", "村（社区）代码",
            "村(社区)代码", "村代码", "户籍地代码");
    static final List<String> STATUS = List.of("status", "人员状态", "户籍状态", "状态");
    static final List<String> DIED_ON = List.of("diedon", "deathdate", "date of death", "死亡日期");

    private HouseholdFile() {
    }

    static List<Row> rows(String format, byte[] content) {
        try {
            return switch (format) {
                case "CSV" -> table(csv(content));
                case "XLSX" -> table(xlsx(content));
                default -> throw new IllegalArgumentException("unknown household file format " + format);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable household file: " + e.getMessage(), e);
        }
    }

    private static List<Row> table(TreeMap<Integer, List<String>> cells) {
        Iterator<Map.Entry<Integer, List<String>>> it = cells.entrySet().iterator();
        if (!it.hasNext()) {
            return List.of();
        }
        List<String> header = it.next().getValue().stream()
                .map(h -> h == null ? "" : h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
        int id = column(header, ID_NUMBER);
        int name = column(header, NAME);
        int region = column(header, REGION);
        if (id < 0 || name < 0 || region < 0) {
            throw new IllegalArgumentException("the header row needs an ID number column (" + ID_NUMBER + "), a name column ("
                    + NAME + ") and a village code column (" + REGION + "); it reads " + header);
        }
        int household = column(header, HOUSEHOLD);
        int status = column(header, STATUS);
        int died = column(header, DIED_ON);
        List<Row> rows = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<Integer, List<String>> e = it.next();
            List<String> c = e.getValue();
            if (c.stream().allMatch(v -> v == null || v.isBlank())) {
                continue;
            }
            rows.add(new Row(e.getKey(), cell(c, id), cell(c, name), cell(c, household), cell(c, region), cell(c, status), cell(c, died)));
        }
        return rows;
    }

    private static int column(List<String> header, List<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i))) {
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
}
