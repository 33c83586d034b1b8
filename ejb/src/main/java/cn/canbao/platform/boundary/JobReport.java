package cn.canbao.platform.boundary;

/**
 * The report of an uploaded file that a batch job works through (a roster import, a household comparison, …): which
 * job execution reads it, and a copy with that execution's status filled in. The component keeps the file and the
 * report's rows; the batch module's upload pipeline adds the status.
 */
public interface JobReport<R extends JobReport<R>> {

    /** The execution that last read the file; null before its job has started. */
    Long executionId();

    R withStatus(String batchStatus, String exitStatus);
}
