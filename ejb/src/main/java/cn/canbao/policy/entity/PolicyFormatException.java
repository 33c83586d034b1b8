package cn.canbao.policy.entity;

/** The policy document is not readable JSON of the documented shape (HTTP 400): names the JSON path. */
public class PolicyFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public PolicyFormatException(String path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
