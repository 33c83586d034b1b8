package cn.canbao.taxchannel.boundary;

import cn.canbao.platform.boundary.SpreadsheetTable;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static cn.canbao.platform.boundary.SpreadsheetTable.cell;

/**
 * A tax collection file (征收明细, ../shared/spec/API.md "Money from the tax channels") read into its data lines and its
 * control line. Columns by header name (the API's English names, or the Chinese ones the tax bureau's exports use):
 * {@code transactionId,idNumber,name,policyId,tier,amount,channel,paidAt,taxOffice}; the last line is the control line
 * {@code TOTAL,<number of lines>,<sum of amounts>} in its first three columns. Line numbers are the file's (header =
 * line 1), as the tax side sees them in its spreadsheet. Pure: no database.
 */
public final class CollectionFile {

    /** One data line as written: every cell a text (checked when the line is taken); {@code repeated} when its transaction id is on an earlier line. */
    public record Line(int number, String transactionId, String idNumber, String name, String policyId, String tier,
                       String amount, String channel, String paidAt, String taxOffice, boolean repeated)
            implements java.io.Serializable {
    }

    /** The control line's declared totals (null when a cell is not a number), or null when the file has none. */
    public record Control(int lineNumber, Integer lines, BigDecimal amount) {
    }

    /** The file read: its data lines in order, its control line, and the columns its header lacks. */
    public record Parsed(List<Line> lines, Control control, List<String> missingColumns) {

        /** The sum of the lines' amounts; the lines whose amount is no number are listed in {@code notNumbers}. */
        public BigDecimal amountSum(List<Integer> notNumbers) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Line l : lines) {
                BigDecimal a = amount(l.amount());
                if (a == null) {
                    notNumbers.add(l.number());
                } else {
                    sum = sum.add(a);
                }
            }
            return sum;
        }
    }

    static final Map<String, List<String>> COLUMNS = Map.of(
            "transactionId", List.of("transactionid", "交易流水号", "流水号", "缴费流水号"),
            "idNumber", List.of("idnumber", "身份证号", "身份证号码", "公民身份号码", "证件号码"),
            "name", List.of("name", "姓名"),
            "policyId", List.of("policyid", "政策", "年度政策"),
            "tier", List.of("tier", "档次", "缴费档次"),
            "amount", List.of("amount", "金额", "缴费金额"),
            "channel", List.of("channel", "渠道", "缴费渠道"),
            "paidAt", List.of("paidat", "缴费时间"),
            "taxOffice", List.of("taxoffice", "税务机关", "征收机关"));

    static final List<String> ORDER = List.of("transactionId", "idNumber", "name", "policyId", "tier", "amount", "channel",
            "paidAt", "taxOffice");

    private CollectionFile() {
    }

    /** Reads the file; an unreadable one is an {@link IllegalArgumentException}. {@code charset} null: detected (UTF-8 or GBK). */
    public static Parsed parse(String format, byte[] content, Charset charset) {
        SpreadsheetTable table = SpreadsheetTable.read(format, content, "collection file", charset);
        List<String> missing = new ArrayList<>();
        int[] at = new int[ORDER.size()];
        for (int i = 0; i < ORDER.size(); i++) {
            at[i] = table.column(COLUMNS.get(ORDER.get(i)));
            if (at[i] < 0) {
                missing.add(ORDER.get(i));
            }
        }
        if (table.isEmpty() || !missing.isEmpty()) {
            return new Parsed(List.of(), null, table.isEmpty() ? ORDER : missing);
        }
        List<Map.Entry<Integer, List<String>>> rows = new ArrayList<>(table.rows().entrySet());
        Control control = null;
        if (!rows.isEmpty()) {
            Map.Entry<Integer, List<String>> last = rows.get(rows.size() - 1);
            String first = cell(last.getValue(), 0);
            if (first != null && "TOTAL".equals(first.toUpperCase(Locale.ROOT))) {
                control = new Control(last.getKey(), count(cell(last.getValue(), 1)), amount(cell(last.getValue(), 2)));
                rows.remove(rows.size() - 1);
            }
        }
        List<Line> lines = new ArrayList<>(rows.size());
        Set<String> seen = new HashSet<>();
        for (Map.Entry<Integer, List<String>> row : rows) {
            List<String> c = row.getValue();
            String tx = cell(c, at[0]);
            boolean repeated = tx != null && !tx.isEmpty() && !seen.add(tx);
            lines.add(new Line(row.getKey(), tx, cell(c, at[1]), cell(c, at[2]), cell(c, at[3]), cell(c, at[4]),
                    cell(c, at[5]), cell(c, at[6]), cell(c, at[7]), cell(c, at[8]), repeated));
        }
        return new Parsed(lines, control, List.of());
    }

    /** An amount in yuan as written ("380", "380.00", "1,380.00"), or null when it is none. */
    public static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().replace(",", "").replace("，", "");
        if (!t.matches("-?[0-9]{1,10}(\\.[0-9]{1,2})?")) {
            return null;
        }
        return new BigDecimal(t).setScale(2);
    }

    private static Integer count(String text) {
        if (text == null || !text.trim().matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(text.trim());
    }
}
