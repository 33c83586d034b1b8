package cn.canbao.batch.household;

import cn.canbao.platform.boundary.SpreadsheetTable;
import cn.canbao.household.boundary.HouseholdComparer.Row;

import java.util.ArrayList;
import java.util.List;

import static cn.canbao.platform.boundary.SpreadsheetTable.cell;

/**
 * The data rows of a police household file (户籍人口名单, CSV in UTF-8 or XLSX). The first row is the header; columns
 * are found by name (Chinese or English, any order): ID number, name and village/region code required; household
 * number, status (正常/在册, 死亡, 注销) and date of death optional. Row numbers as in the spreadsheet (header = 1);
 * blank rows are skipped. The spreadsheet itself is read by {@link SpreadsheetTable}, as the rosters of
 * {@code roster-import} are.
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
        SpreadsheetTable table = SpreadsheetTable.read(format, content, "household file");
        if (table.isEmpty()) {
            return List.of();
        }
        int id = table.column(ID_NUMBER);
        int name = table.column(NAME);
        int region = table.column(REGION);
        if (id < 0 || name < 0 || region < 0) {
            throw new IllegalArgumentException("the header row needs an ID number column (" + ID_NUMBER + "), a name column ("
                    + NAME + ") and a village code column (" + REGION + "); it reads " + table.header());
        }
        int household = table.column(HOUSEHOLD);
        int status = table.column(STATUS);
        int died = table.column(DIED_ON);
        List<Row> rows = new ArrayList<>();
        table.rows().forEach((number, c) -> rows.add(new Row(number, cell(c, id), cell(c, name), cell(c, household),
                cell(c, region), cell(c, status), cell(c, died))));
        return rows;
    }
}
