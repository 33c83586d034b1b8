package cn.canbao.platform.boundary;

import cn.canbao.platform.boundary.ProblemException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks every uploaded file passes before a component stores it for its job (rosters, police household lists,
 * …): a format the job reads, not empty, not larger than the component's limit. Reported against the form field
 * {@code file}, with the component's other field errors.
 */
public final class UploadedFiles {

    private UploadedFiles() {
    }

    public static List<FieldError> fileErrors(String format, byte[] content, Set<String> formats, int maxBytes) {
        List<FieldError> errors = new ArrayList<>();
        if (format == null || !formats.contains(format)) {
            errors.add(new FieldError("file", "须为 CSV 或 XLSX 文件 / must be a CSV or XLSX file"));
        }
        if (content == null || content.length == 0) {
            errors.add(new FieldError("file", "文件为空 / empty file"));
        } else if (content.length > maxBytes) {
            errors.add(new FieldError("file", "文件超过 " + maxBytes / 1024 / 1024 + " MB / file too large"));
        }
        return errors;
    }
}
