package cn.canbao.batch.roster;

import cn.canbao.platform.boundary.SpreadsheetTable;
import cn.canbao.roster.boundary.RosterImporter.Row;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static cn.canbao.platform.boundary.SpreadsheetTable.cell;

/**
 * The data rows of a roster file (CSV, XLSX or the JSON rows of the API). The first row of a file is its header;
 * columns are found by name (Chinese or English, any order): ID number and name are required, region and subsidy
 * code optional. Row numbers are those a department sees in its spreadsheet (header = 1); blank rows are skipped.
 * The spreadsheet itself is read by {@link SpreadsheetTable}.
 */
final class RosterFile {

    static final List<String> ID_NUMBER = List.of("idnumber", "身份证号", "身份证号码", "公民身份号码", "证件号码", "id number", "id_number");
    static final List<String> NAME = List.of("name", "姓名");
    static final List<String> REGION = List.of("region", "regioncode", "行政区划", "地区", "村（社区）", "村(社区)");
    static final List<String> SUBSIDY_CODE = List.of("subsidycode", "资助类别代码", "资助身份代码", "类别代码");

    private RosterFile() {
    }

    static List<Row> rows(String format, byte[] content) {
        if ("JSON".equals(format)) {
            return json(content);
        }
        SpreadsheetTable table = SpreadsheetTable.read(format, content, "roster file");
        if (table.isEmpty()) {
            return List.of();
        }
        int id = table.column(ID_NUMBER);
        int name = table.column(NAME);
        if (id < 0 || name < 0) {
            throw new IllegalArgumentException("the header row needs an ID number column (" + ID_NUMBER
                    + ") and a name column (" + NAME + "); it reads " + table.header());
        }
        int region = table.column(REGION);
        int code = table.column(SUBSIDY_CODE);
        List<Row> rows = new ArrayList<>();
        table.rows().forEach((number, c) -> rows.add(new Row(number, cell(c, id), cell(c, name), cell(c, region), cell(c, code))));
        return rows;
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
