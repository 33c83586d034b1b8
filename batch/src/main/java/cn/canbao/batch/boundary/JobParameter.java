package cn.canbao.batch.boundary;

import java.util.List;

/**
 * A parameter of a batch job, typed: the catalogue checks its form (number in range, date, …) before the job's own
 * checks run, and the console shows it by {@code type}. {@link Type#POLICY} and {@link Type#REGION} name what a job
 * works over: the parameters an area check reads.
 */
public record JobParameter(String name, Type type, boolean required, double min, double max) {

    public enum Type {
        /** a policy id such as 500101-2024 */
        POLICY,
        /** a region code (district, town or village) */
        REGION,
        /** yyyy-MM-dd */
        DATE,
        /** a whole number in [min, max] */
        INTEGER,
        /** a decimal number in [min, max] */
        DECIMAL,
        /** the id of a stored upload (a roster import, a household comparison), a whole number ≥ 1 */
        UPLOAD,
        /** free text the job's own check reads */
        TEXT
    }

    public static JobParameter required(String name, Type type) {
        return new JobParameter(name, type, true, 1, Long.MAX_VALUE);
    }

    public static JobParameter optional(String name, Type type) {
        return new JobParameter(name, type, false, 1, Long.MAX_VALUE);
    }

    public static JobParameter required(String name, Type type, double min, double max) {
        return new JobParameter(name, type, true, min, max);
    }

    public static JobParameter optional(String name, Type type, double min, double max) {
        return new JobParameter(name, type, false, min, max);
    }

    /** Chunk size (items per transaction) and partitions run at once: every chunk job takes them, with defaults. */
    public static final List<JobParameter> TUNING = List.of(
            optional("chunkSize", Type.INTEGER, 1, 5000),
            optional("threads", Type.INTEGER, 1, 8));

    /** For jobs whose partitions are runs of a file rather than villages. */
    public static final JobParameter PARTITIONS = optional("partitions", Type.INTEGER, 1, 8);
}
