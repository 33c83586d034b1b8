package cn.canbao.batch.platform;

import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;

import java.util.List;
import java.util.Properties;

/**
 * A partition plan over the numbered rows of an uploaded file (roster rows, collection lines): {@code wanted} runs of
 * consecutive rows of about the same size, each given as the inclusive numbers {@code from}–{@code to} under the
 * property names the job's artifacts read; a file under {@code minPerPart} rows a run stays one partition. The first
 * run starts at 0 and the last ends at {@link Integer#MAX_VALUE}, so every row is covered even when the file has none.
 * The plan is a function of the file: a restart maps the same rows to the same partition.
 */
public final class ConsecutiveRuns {

    private ConsecutiveRuns() {
    }

    public static PartitionPlan plan(List<Integer> numbers, int wanted, int threads, int minPerPart, String fromProperty,
                                     String toProperty) {
        int n = Math.max(1, Math.min(Math.max(1, wanted), numbers.size() / minPerPart));
        Properties[] properties = new Properties[n];
        for (int i = 0; i < n; i++) {
            int first = (int) ((long) numbers.size() * i / n);
            int last = (int) ((long) numbers.size() * (i + 1) / n) - 1;
            properties[i] = new Properties();
            properties[i].setProperty(fromProperty, String.valueOf(i == 0 || numbers.isEmpty() ? 0 : numbers.get(first)));
            properties[i].setProperty(toProperty, String.valueOf(i == n - 1 || numbers.isEmpty() ? Integer.MAX_VALUE : numbers.get(last)));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(Math.max(1, Math.min(n, threads)));
        plan.setPartitionProperties(properties);
        plan.setPartitionsOverride(false);
        return plan;
    }
}
