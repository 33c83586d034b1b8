package cn.canbao.web.collection;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.collection.entity.Payment;
import cn.canbao.person.entity.Person;
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
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;

/**
 * The payment receipt (缴费凭证) as PDF, A5 landscape, with the same content as the HTML receipt ({@link Receipts}).
 *
 * <p>Chinese text needs a CJK font. By default the PDF names Adobe's standard CJK font STSongStd-Light with the
 * UniGB-UCS2-H CMap, both shipped inside OpenPDF: the PDF stays small and every reader (Acrobat, pdf.js, poppler with
 * poppler-data) substitutes an installed Song/Ming face. When the system property {@code canbao.receipt.font} names a
 * TrueType file (".ttf", or ".ttc,0" for a collection) readable by the server, its glyphs are embedded (subset)
 * instead, so the receipt looks the same everywhere.
 */
@ApplicationScoped
public class PdfReceipts {

    private static final Logger LOG = Logger.getLogger(PdfReceipts.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private BaseFont font;

    @PostConstruct
    void loadFont() {
        String configured = System.getProperty("canbao.receipt.font");
        try {
            if (configured != null && Files.isReadable(Path.of(configured.replaceFirst(",\\d+$", "")))) {
                font = BaseFont.createFont(configured, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                LOG.info("PDF receipts embed the font " + configured);
                return;
            }
            if (configured != null) {
                LOG.warning("canbao.receipt.font " + configured + " is not readable; PDF receipts name STSongStd-Light instead");
            }
            font = BaseFont.createFont("STSongStd-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("no CJK font for PDF receipts", e);
        }
    }

    /** The CJK font of the receipts, for other PDFs of the application (the weekly progress report). */
    public BaseFont font() {
        return font;
    }

    public byte[] pdf(Payments.Outcome outcome) {
        Payment p = outcome.payment();
        Person person = outcome.person();
        boolean reversal = p.getKind() == Payment.Kind.REVERSAL;
        String title = reversal ? "城乡居民基本医疗保险缴费冲正凭证" : "城乡居民基本医疗保险缴费凭证";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A5.rotate(), 36, 36, 30, 30);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.addTitle(title + " " + p.getReceiptNumber());
            document.addCreator("Canbao");
            document.open();
            Paragraph heading = new Paragraph(title, new Font(font, 15, Font.BOLD));
            heading.setAlignment(Element.ALIGN_CENTER);
            heading.setSpacingAfter(8);
            document.add(heading);

            PdfPTable table = new PdfPTable(new float[] {32, 68});
            table.setWidthPercentage(100);
            row(table, "收据号 Receipt No.", p.getReceiptNumber());
            row(table, "流水号 Transaction", p.getTransactionId());
            row(table, "姓名 Name", person.getName());
            row(table, "身份证号 ID number", person.maskedIdNumber());
            row(table, "年度政策 Policy", p.getPolicyId());
            row(table, "档次 Tier", "第" + p.getTier() + "档 (tier " + p.getTier() + ")");
            row(table, "缴费标准 Standard", yuan(p.getStandardAmount()));
            row(table, "资助 Subsidy", p.getSubsidyCode() == null ? "无 none" : p.getSubsidyCode() + "：" + yuan(p.getSubsidyAmount()));
            row(table, "财政补助部分 Fiscal share", yuan(p.getFiscalShareAmount()));
            row(table, "个人实缴 Amount paid", yuan(p.getAmount()));
            row(table, "金额大写 In words", p.getAmount() == null ? "" : cn.canbao.platform.entity.AmountInWords.renminbi(p.getAmount()));
            row(table, "待遇享受期 Benefit period", p.getBenefitStart() + " 至 " + p.getBenefitEnd());
            row(table, "缴费方式 Channel", p.getChannel().name());
            row(table, "收款人 Collector", p.getCollector() == null ? "" : p.getCollector());
            row(table, reversal ? "冲正时间 Reversed at" : "缴费时间 Paid at",
                    p.getPaidAt().atZoneSameInstant(CHINA).format(TIME) + "（北京时间）");
            document.add(table);

            Paragraph note = new Paragraph("本凭证由参保系统生成，收据号唯一；更正以冲正凭证为准；身份证号按规定脱敏显示。"
                    + " Generated by Canbao; corrections by reversal only; the ID number is masked.", new Font(font, 7, Font.NORMAL, Color.DARK_GRAY));
            note.setSpacingBefore(6);
            document.add(note);
            document.close();
            writer.close();
        } catch (DocumentException e) {
            throw new UncheckedIOException(new IOException("PDF receipt " + p.getReceiptNumber() + " failed", e));
        }
        return out.toByteArray();
    }

    private void row(PdfPTable table, String key, String value) {
        PdfPCell k = new PdfPCell(new Phrase(key, new Font(font, 9)));
        k.setBackgroundColor(new Color(0xF3, 0xF3, 0xF3));
        k.setPadding(4);
        PdfPCell v = new PdfPCell(new Phrase(value == null ? "" : value, new Font(font, 10)));
        v.setPadding(4);
        table.addCell(k);
        table.addCell(v);
    }

    private static String yuan(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString() + " 元";
    }
}
