package cn.canbao.platform.boundary;

import cn.canbao.platform.boundary.BusinessClock;
import java.sql.Blob;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The values of a native query's result row as Java types, whatever the driver hands back: PostgreSQL's and H2's
 * drivers (through EclipseLink) return dates as {@code java.sql.Date} or {@code LocalDate}, timestamps with time zone as
 * {@code Timestamp}, {@code OffsetDateTime} or {@code Instant}, and {@code bytea}/{@code blob} as {@code byte[]} or
 * {@code Blob}. One place for what the boundaries and controls reading native rows used to convert each on its own.
 */
public final class NativeValues {

    private NativeValues() {
    }

    /** A date column; null stays null. */
    public static LocalDate localDate(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString().substring(0, 10));
    }

    /** A timestamp-with-time-zone column, in the business time zone (China) when the driver gives an instant. */
    public static OffsetDateTime offsetDateTime(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant().atZone(BusinessClock.CHINA).toOffsetDateTime();
        }
        if (o instanceof Instant i) {
            return i.atZone(BusinessClock.CHINA).toOffsetDateTime();
        }
        return OffsetDateTime.parse(o.toString().replace(' ', 'T'));
    }

    /** A binary column (an upload's content). */
    public static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        try {
            Blob blob = (Blob) o;
            return blob.getBytes(1, (int) blob.length());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
