package cn.canbao.it;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Starting batch jobs over REST (/api/v1/batch) and waiting for them, as the batch tests do. */
final class BatchRuns {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private BatchRuns() {
    }

    static Http.Reply start(String job, String parameters) {
        return start("operator", job, parameters);
    }

    /** As {@code user}: an operator of the district the job works in (jobs stay inside the caller's area). */
    static Http.Reply start(String user, String job, String parameters) {
        return Http.as(user).post("/api/v1/batch/jobs/" + job + "/executions", "{\"parameters\":" + parameters + "}");
    }

    /** Starts the job and waits for it to end; fails unless COMPLETED within {@code timeout}. Returns the execution. */
    static JsonObject run(String job, String parameters, Duration timeout) {
        return run("operator", job, parameters, timeout);
    }

    static JsonObject run(String user, String job, String parameters, Duration timeout) {
        Http.Reply started = start(user, job, parameters);
        assertEquals(201, started.status(), started.body());
        long id = started.json().getJsonNumber("executionId").longValue();
        assertTrue(started.raw().headers().firstValue("Location").orElse("").endsWith("/batch/executions/" + id));
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Http.Reply read = Http.as(user).get("/api/v1/batch/executions/" + id);
            assertEquals(200, read.status(), read.body());
            String status = read.json().getString("batchStatus");
            if (ENDED.contains(status)) {
                assertEquals("COMPLETED", status, read.body());
                return read.json();
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for execution " + id);
            }
        }
        fail("execution " + id + " of " + job + " did not end in time");
        return null;
    }

    /** The first step's metrics (summed over its partitions). */
    static Map<String, Long> metrics(JsonObject execution) {
        JsonObject step = execution.getJsonArray("steps").getJsonObject(0);
        return step.getJsonObject("metrics").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue().toString())));
    }
}
