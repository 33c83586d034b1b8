package cn.canbao.it;

import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of a PDF written by Canbao, read in the test JVM, and the fonts it embeds. With an embedded TrueType font
 * (the default when the server has one, PdfReceipts.KNOWN_FONTS) OpenPDF writes a ToUnicode map and its
 * PdfTextExtractor reads the text. With the fallback STSongStd-Light (CMap UniGB-UCS2-H, not embedded) the extractor
 * returns nothing, but the character codes are the UTF-16 code units themselves: every string operand of the page
 * content is decoded as UTF-16BE, one line per text object.
 */
final class PdfText {

    private PdfText() {
    }

    static String of(byte[] pdf) {
        try {
            PdfReader extracting = new PdfReader(pdf);
            StringBuilder extracted = new StringBuilder();
            com.lowagie.text.pdf.parser.PdfTextExtractor extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(extracting);
            for (int page = 1; page <= extracting.getNumberOfPages(); page++) {
                extracted.append(extractor.getTextFromPage(page)).append('\n');
            }
            extracting.close();
            if (extracted.toString().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                return extracted.toString();
            }
            PdfReader reader = new PdfReader(pdf);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                PRTokeniser tokens = new PRTokeniser(reader.getPageContent(page));
                while (tokens.nextToken()) {
                    if (tokens.getTokenType() == PRTokeniser.TK_STRING) {
                        String raw = tokens.getStringValue();
                        byte[] bytes = new byte[raw.length()];
                        for (int i = 0; i < bytes.length; i++) {
                            bytes[i] = (byte) raw.charAt(i);
                        }
                        text.append(new String(bytes, StandardCharsets.UTF_16BE));
                    } else if (tokens.getTokenType() == PRTokeniser.TK_OTHER && "ET".equals(tokens.getStringValue())) {
                        text.append('\n');
                    }
                }
            }
            reader.close();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the fonts whose glyphs the PDF carries (a subset's name starts with six capitals and a +). */
    static java.util.List<String> embeddedFonts(byte[] pdf) {
        try {
            PdfReader reader = new PdfReader(pdf);
            java.util.List<String> fonts = new java.util.ArrayList<>();
            for (int i = 1; i < reader.getXrefSize(); i++) {
                com.lowagie.text.pdf.PdfObject object = reader.getPdfObject(i);
                if (object instanceof com.lowagie.text.pdf.PdfDictionary d
                        && com.lowagie.text.pdf.PdfName.FONTDESCRIPTOR.equals(d.get(com.lowagie.text.pdf.PdfName.TYPE))
                        && (d.contains(com.lowagie.text.pdf.PdfName.FONTFILE2) || d.contains(com.lowagie.text.pdf.PdfName.FONTFILE3))) {
                    fonts.add(String.valueOf(d.get(com.lowagie.text.pdf.PdfName.FONTNAME)));
                }
            }
            reader.close();
            return fonts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
