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
 * <p>Chinese text needs a CJK font, embedded (subset: only the glyphs used) so that the receipt looks the same on any
 * computer and printer: the TrueType file the system property {@code canbao.receipt.font} names (".ttf", or ".ttc,N"
 * for face N of a collection), else the first of {@link #KNOWN_FONTS} installed on the server (Debian's
 * fonts-wqy-zenhei, Noto Sans CJK, Windows' SimSun). Only when none is found does the PDF name Adobe's standard
 * STSongStd-Light without embedding it (the reader substitutes a Song face), and the start says so in the log.
 */
@ApplicationScoped
public class PdfReceipts {

    /** The HTML receipt's figures the PDF repeats (continuous years). */
    @jakarta.inject.Inject
    Receipts receipts;

    private static final Logger LOG = Logger.getLogger(PdfReceipts.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** CJK TrueType faces looked for when {@code canbao.receipt.font} is not set, in this order. */
    static final java.util.List<String> KNOWN_FONTS = java.util.List.of(
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,2",
            "C:/Windows/Fonts/simsun.ttc,0");

    private BaseFont font;
    private String fontSource;

    @jakarta.inject.Inject
    cn.canbao.region.boundary.Regions regions;

    @jakarta.inject.Inject
    cn.canbao.account.boundary.UserNames userNames;

    @PostConstruct
    void loadFont() {
        String configured = System.getProperty("canbao.receipt.font");
        java.util.List<String> candidates = configured != null ? java.util.List.of(configured) : KNOWN_FONTS;
        for (String candidate : candidates) {
            if (!Files.isReadable(Path.of(candidate.replaceFirst(",\\d+$", "")))) {
                continue;
            }
            try {
                font = BaseFont.createFont(candidate, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                font.setSubset(true);
                fontSource = candidate;
                LOG.info("PDF receipts and reports embed (subset) the font " + candidate);
                return;
            } catch (IOException | RuntimeException unusable) {
                LOG.warning("the font " + candidate + " cannot be used in PDFs: " + unusable.getMessage());
            }
        }
        LOG.warning((configured != null ? "canbao.receipt.font " + configured + " is not a readable TrueType font"
                : "no CJK TrueType font found (" + String.join(", ", KNOWN_FONTS) + ")")
                + "; PDFs name STSongStd-Light without embedding it — install fonts-wqy-zenhei or set canbao.receipt.font");
        try {
            font = BaseFont.createFont("STSongStd-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
            fontSource = "STSongStd-Light (not embedded)";
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("no CJK font for PDF receipts", e);
        }
    }

    /** Where the PDFs' font comes from (a file, or the standard font not embedded), for the operators' health view. */
    public String fontSource() {
        return fontSource;
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
            row(table, "开票单位 Issued by", issuer(person));
            row(table, "年度政策 Policy", p.getPolicyId());
            row(table, "档次 Tier", "第" + p.getTier() + "档 (tier " + p.getTier() + ")");
            row(table, "缴费标准 Standard", yuan(p.getStandardAmount()));
            row(table, "资助 Subsidy", p.getSubsidyCode() == null ? "无 none" : p.getSubsidyCode() + "：" + yuan(p.getSubsidyAmount()));
            row(table, "财政补助部分 Fiscal share", yuan(p.getFiscalShareAmount()));
            row(table, "个人实缴 Amount paid", yuan(p.getAmount()));
            row(table, "金额大写 In words", p.getAmount() == null ? "" : cn.canbao.platform.entity.AmountInWords.renminbi(p.getAmount()));
            row(table, "待遇享受期 Benefit period", p.getBenefitStart() + " 至 " + p.getBenefitEnd());
            String continuous = receipts.continuousYears(p, person);
            if (continuous != null) {
                row(table, "连续参保 Continuous years", continuous);
            }
            row(table, "缴费方式 Channel", cn.canbao.web.platform.Texts.text("channel." + p.getChannel().name(), java.util.Locale.SIMPLIFIED_CHINESE,
                    p.getChannel().name()));
            row(table, "收款人 Collector", p.getCollector() == null ? "" : userNames.displayNames(java.util.Set.of(p.getCollector()))
                    .getOrDefault(p.getCollector(), p.getCollector()));
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

    /**
     * The unit in whose name the money was taken: the resident's village with its town and district (代收单位), e.g.
     * 万州区 白羊镇 白羊社区 — the receipt number is that village's series.
     */
    private String issuer(Person person) {
        java.util.List<String> path = new java.util.ArrayList<>(regions.pathToRoot(person.getHouseholdRegionCode()));
        java.util.Collections.reverse(path);
        StringBuilder names = new StringBuilder();
        for (String code : path) {
            regions.find(code).filter(r -> r.getLevel() != cn.canbao.region.entity.RegionLevel.PROVINCE)
                    .ifPresent(r -> names.append(names.length() == 0 ? "" : " ").append(r.getName()));
        }
        return names.length() == 0 ? person.getHouseholdRegionCode() : names + "（代收）";
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
