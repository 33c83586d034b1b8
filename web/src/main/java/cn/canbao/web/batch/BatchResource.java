package cn.canbao.web.batch;

import cn.canbao.web.platform.Paging;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.batch.boundary.BatchJobs;
import cn.canbao.batch.boundary.JobScheduler;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/batch}: operating the batch jobs (docs/batch.md). Start a job with
 * {@code POST /batch/jobs/{jobName}/executions {"parameters":{...}}}; read, stop and restart executions.
 */
@Path("batch")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.DISTRICT_ADMIN})
public class BatchResource {

    /** A job, the parameters it accepts (required ones also in {@code required}) and its title in Chinese and English. */
    public record Job(String jobName, List<String> parameters, List<String> required, String title, String titleEn) {
    }

    /** The answer to a start or restart: where to watch the new execution. */
    public record Started(long executionId, String jobName, String batchStatus, Map<String, String> parameters) {
    }

    @Inject
    BatchJobs jobs;

    @Inject
    JobScheduler scheduler;

    @Context
    UriInfo uri;

    @GET
    @Path("jobs")
    public List<Job> jobs() {
        return jobs.jobs().stream().map(d -> new Job(d.id(), d.parameterNames(), d.requiredNames(), d.titleZh(), d.titleEn())).toList();
    }

    @POST
    @Path("jobs/{jobName}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("jobName") String jobName, JsonObject body) {
        long id = jobs.start(jobName, parameters(body));
        return created(id);
    }

    @GET
    @Path("executions")
    public List<BatchJobs.Execution> executions(@QueryParam("jobName") String jobName,
                                                @QueryParam("limit") String limit) {
        return jobs.executions(jobName == null || jobName.isBlank() ? null : jobName.trim(), Paging.number("limit", limit, 50, 1, 500));
    }

    @GET
    @Path("executions/{id}")
    public BatchJobs.Execution execution(@PathParam("id") long id) {
        return jobs.execution(id);
    }

    @POST
    @Path("executions/{id}/stop")
    public BatchJobs.Execution stop(@PathParam("id") long id) {
        return jobs.stop(id);
    }

    @POST
    @Path("executions/{id}/restart")
    public Response restart(@PathParam("id") long id) {
        return created(jobs.restart(id));
    }

    /** The jobs the scheduler starts on the policies' dates, with their state on the business date and what was started. */
    @GET
    @Path("schedule")
    public JobScheduler.Plan schedule() {
        return scheduler.schedule();
    }

    /** Runs the scheduler's check now, on the business date (never another): what it did about each due job. */
    @POST
    @Path("schedule/check")
    public List<JobScheduler.Outcome> check() {
        return scheduler.checkNow();
    }

    private Response created(long id) {
        BatchJobs.Execution e = jobs.execution(id);
        return Response.created(uri.getBaseUriBuilder().path("batch/executions/{id}").build(id))
                .entity(new Started(id, e.jobName(), e.batchStatus(), e.parameters())).build();
    }

    /** {@code {"parameters":{"count":3000,"seed":"7"}}}: strings, numbers and booleans, all passed on as text. */
    static Map<String, String> parameters(JsonObject body) {
        if (body == null) {
            return Map.of();
        }
        JsonValue value = body.get("parameters");
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("INVALID_INPUT", "parameters 须为对象", "parameters must be an object",
                    List.of(new FieldError("parameters", "{\"name\": value, ...}")));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        value.asJsonObject().forEach((name, v) -> {
            switch (v.getValueType()) {
                case STRING -> parameters.put(name, ((JsonString) v).getString());
                case NUMBER, TRUE, FALSE -> parameters.put(name, v.toString());
                case NULL -> { }
                default -> errors.add(new FieldError("parameters." + name, "须为字符串或数字 / must be a string or a number"));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "作业参数格式错误", "malformed job parameters", errors);
        }
        return parameters;
    }
}
