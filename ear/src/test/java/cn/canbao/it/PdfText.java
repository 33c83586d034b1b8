package cn.canbao.it;

import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of a PDF written by Canbao with its CJK font (STSongStd-Light, CMap UniGB-UCS2-H, not embedded), read in
 * the test JVM. OpenPDF's PdfTextExtractor returns nothing for such a font (no ToUnicode map), but with a UCS-2 CMap
 * the character codes are the UTF-16 code units themselves: every string operand of the page content is decoded as
 * UTF-16BE, one line per text object. Does not apply when {@code canbao.receipt.font} embeds a TrueType font.
 */
final class PdfText {

    private PdfText() {
    }

    static String of(byte[] pdf) {
        try {
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
}
