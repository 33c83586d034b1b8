package cn.canbao.web.platform;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * One page of a list answer (API.md, Lists): {@code page} from 0, {@code size} 1–500 (default 50), the total in
 * {@code X-Total-Count}. Parameters arrive as text so that {@code page=abc} is the caller's 400, not JAX-RS's 404.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    static final int MAX_PAGE = 1_000_000;

    public static Paging of(String page, String size) {
        return new Paging(number("page", page, 0, 0, MAX_PAGE), number("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /** A whole number query parameter within {@code [min, max]}, {@code fallback} when absent. */
    public static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest("INVALID_PAGING", name + " 须为 " + min + " 至 " + max + " 的整数",
                name + " must be a whole number from " + min + " to " + max, List.of(new FieldError(name, min + ".." + max)));
    }

    public int offset() {
        return page * size;
    }

    /** This page of a list the caller may see in full, with its total. */
    public <T> Response slice(List<T> all) {
        int from = (int) Math.min((long) offset(), all.size());
        int to = (int) Math.min((long) from + size, all.size());
        return Response.ok(List.copyOf(all.subList(from, to))).header("X-Total-Count", all.size()).build();
    }

    /** A page read from the store, with the total of all pages. */
    public static Response answer(List<?> page, long total) {
        return Response.ok(page).header("X-Total-Count", total).build();
    }
}
