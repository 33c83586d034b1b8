package cn.canbao.web.person;

import cn.canbao.enrollment.entity.NonEnrollment;
import cn.canbao.person.entity.Person;
import cn.canbao.web.collection.PdfReceipts;
import cn.canbao.web.platform.Texts;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The form a resident (or their proxy) signs for a reason not to enroll (未参加城乡居民医保告知及承诺书, DOMAIN.md §9),
 * A4 portrait in the receipts' embedded CJK font: who, the year's policy, the reason as recorded, what not enrolling
 * means (no reimbursement while uninsured, a waiting period when enrolling late), and lines for the signature, the
 * signer's relation and the clerk.
 */
@ApplicationScoped
public class NonEnrollmentForms {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    @Inject
    PdfReceipts receipts;

    public byte[] pdf(Person person, NonEnrollment n, String policyName, String regionName) {
        Font title = new Font(receipts.font(), 16, Font.BOLD);
        Font text = new Font(receipts.font(), 11);
        Font bold = new Font(receipts.font(), 11, Font.BOLD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.addTitle("未参加城乡居民基本医疗保险告知及承诺书 " + n.getInsuranceYear());
            document.addCreator("Canbao");
            document.open();
            Paragraph heading = new Paragraph(n.getInsuranceYear() + "年度未参加城乡居民基本医疗保险告知及承诺书", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            heading.setSpacingAfter(14);
            document.add(heading);

            PdfPTable table = new PdfPTable(new float[] {28, 72});
            table.setWidthPercentage(100);
            row(table, "姓名", person.getName(), text, bold);
            row(table, "身份证号码", person.maskedIdNumber(), text, bold);
            row(table, "户籍村（社区）", regionName, text, bold);
            row(table, "年度政策", policyName, text, bold);
            row(table, "未参保原因", Texts.text("reason." + n.getReason().name(), Locale.SIMPLIFIED_CHINESE, n.getReason().name())
                    + (n.getNote() == null ? "" : "（" + n.getNote() + "）"), text, bold);
            row(table, "登记时间", n.getRecordedAt().atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(DAY), text, bold);
            table.setSpacingAfter(14);
            document.add(table);

            for (String line : new String[] {
                    "经村（社区）经办人员告知，本人已知晓城乡居民基本医疗保险的缴费标准、缴费期限和待遇政策。",
                    "本人确认因上述原因，" + n.getInsuranceYear() + "年度不参加城乡居民基本医疗保险。",
                    "本人知晓：未参保期间发生的医疗费用，基本医疗保险不予支付；集中缴费期结束后参保的，按规定设置待遇等待期。",
                    "以上内容由本人（或受本人委托）签字确认，所填信息真实。"}) {
                Paragraph p = new Paragraph(line, text);
                p.setFirstLineIndent(22);
                p.setLeading(20);
                document.add(p);
            }
            String signer = "PROXY".equals(n.getSignedBy())
                    ? "委托人：" + n.getSignerName() + "    与本人关系：____________"
                    : "本人：" + (n.getSignerName() == null ? "" : n.getSignerName());
            Paragraph sign = new Paragraph("\n签字人（" + signer + "）\n\n签字：______________________        日期：________年____月____日"
                    + "\n\n经办人：______________________        村（社区）（盖章）", text);
            sign.setLeading(22);
            sign.setSpacingBefore(18);
            document.add(sign);
            document.close();
            writer.close();
        } catch (DocumentException e) {
            throw new UncheckedIOException(new IOException("non-enrollment form " + n.getId() + " failed", e));
        }
        return out.toByteArray();
    }

    private static void row(PdfPTable table, String label, String value, Font text, Font bold) {
        PdfPCell l = new PdfPCell(new Phrase(label, text));
        l.setPadding(6);
        table.addCell(l);
        PdfPCell v = new PdfPCell(new Phrase(value == null ? "" : value, bold));
        v.setPadding(6);
        table.addCell(v);
    }
}
