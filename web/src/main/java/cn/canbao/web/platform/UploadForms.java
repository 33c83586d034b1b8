package cn.canbao.web.platform;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import jakarta.ws.rs.core.EntityPart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The web side of the upload pipeline (docs/architecture.md, "Batch jobs and the upload pipeline"): a multipart form
 * read into its text fields and one {@code file}, the file's format as the jobs read it, how long an upload request
 * waits for its job, and whether a job's status is final. Serves {@code POST /rosters} and
 * {@code POST /household-comparisons}.
 */
public final class UploadForms {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private UploadForms() {
    }

    /** A multipart form: its text fields (trimmed) and its part named {@code file}, read up to {@code maxBytes} + 1. */
    public record Form(Map<String, String> fields, byte[] content, String fileName, String contentType) {

        public String field(String name) {
            return fields.get(name);
        }

        /** The file's format: {@link #format(String, String, byte[])}. */
        public String format() {
            return UploadForms.format(fileName, contentType, content);
        }
    }

    /** Reads every part; a part that cannot be read is refused (400 INVALID_INPUT) and nothing is kept. */
    public static Form read(List<EntityPart> parts, int maxBytes) {
        Map<String, String> fields = new HashMap<>();
        byte[] content = null;
        String fileName = null;
        String contentType = null;
        for (EntityPart part : parts) {
            try (InputStream in = part.getContent()) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if ("file".equals(part.getName())) {
                    content = bytes;
                    fileName = part.getFileName().orElse(null);
                    contentType = part.getMediaType() == null ? null : part.getMediaType().toString();
                } else {
                    fields.put(part.getName(), new String(bytes, StandardCharsets.UTF_8).trim());
                }
            } catch (IOException e) {
                throw ProblemException.badRequest("INVALID_INPUT", "上传内容无法读取", "unreadable upload",
                        List.of(new FieldError(part.getName(), e.getMessage())));
            }
        }
        return new Form(fields, content, fileName, contentType);
    }

    /**
     * A form whose {@code file} must be a non-empty CSV or XLSX of at most {@code maxBytes} (a region or target file
     * imported at once, not through a job): 400 INVALID_INPUT on the field {@code file} otherwise, nothing kept.
     */
    public static Form spreadsheet(List<EntityPart> parts, int maxBytes, String whatZh, String whatEn) {
        Form form = read(parts, maxBytes);
        if (form.content() == null || form.content().length == 0) {
            throw ProblemException.badRequest("INVALID_INPUT", "请上传" + whatZh, "a " + whatEn + " is required",
                    List.of(new FieldError("file", "文件为空 / empty file")));
        }
        if (form.content().length > maxBytes) {
            String mb = (maxBytes / (1024 * 1024)) + " MB";
            throw ProblemException.badRequest("INVALID_INPUT", "文件过大", "file too large",
                    List.of(new FieldError("file", "至多 " + mb + " / at most " + mb)));
        }
        String format = form.format();
        if (!"CSV".equals(format) && !"XLSX".equals(format)) {
            throw ProblemException.badRequest("INVALID_INPUT", "须为 CSV 或 XLSX 文件", "must be a CSV or XLSX file",
                    List.of(new FieldError("file", "须为 CSV 或 XLSX 文件 / must be a CSV or XLSX file")));
        }
        return form;
    }

    /** XLSX by name or type, or by its zip signature; XLS named as such (refused by the boundaries); anything else is read as CSV (UTF-8). */
    public static String format(String fileName, String contentType, byte[] content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx") || (contentType != null && contentType.contains("spreadsheetml"))
                || (content != null && content.length > 1 && content[0] == 'P' && content[1] == 'K')) {
            return "XLSX";
        }
        if (name.endsWith(".xls")) {
            return "XLS"; // refused by the boundary: the old binary format is not read
        }
        return "CSV";
    }

    /** {@code ?wait=} seconds, kept within 0..120. */
    public static Duration wait(int seconds) {
        return Duration.ofSeconds(Math.max(0, Math.min(seconds, 120)));
    }

    /** Whether a job status is final (the upload answers 200/201 then, 202 while it runs). */
    public static boolean ended(String batchStatus) {
        return ENDED.contains(batchStatus);
    }
}
