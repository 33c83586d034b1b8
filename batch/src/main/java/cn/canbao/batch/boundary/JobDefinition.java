package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.ProblemException.FieldError;

import java.util.List;
import java.util.Map;

/**
 * One batch job as operators and programs see it: its id (the name of {@code META-INF/batch-jobs/<id>.xml}), its title,
 * its typed parameters and the checks a start must pass. Each job has one definition, next to its readers and writers
 * (an {@code @ApplicationScoped} bean); {@link JobCatalogue} collects them, {@link BatchJobs}, the console and
 * {@code GET /batch/jobs} read them. Adding a job = its XML, its artifacts and one definition (docs/architecture.md).
 */
public interface JobDefinition {

    String id();

    String titleZh();

    String titleEn();

    /** Required parameters first; the order the console shows. */
    List<JobParameter> parameters();

    /**
     * The job's own checks, after the catalogue checked each parameter's form: whether the policy, region or upload
     * exists, lies where it must, whether the date suits the job. Returns the parameters the job starts with (defaults
     * filled in, e.g. the policy's region). Refuses with a {@code ProblemException}; nothing has started then.
     */
    Map<String, String> check(Map<String, String> parameters);

    /** Form errors the parameter types cannot see (e.g. a list written in a job's own notation); reported with the others. */
    default List<FieldError> formErrors(Map<String, String> parameters) {
        return List.of();
    }

    /** Called once the job has started with {@code parameters}: e.g. an upload remembers the execution that reads it. */
    /**
     * Checks that the caller may restart an execution with these parameters; the restarted job works under the
     * caller's identity. Refuses with a {@code ProblemException}; nothing has restarted then.
     */
    default void checkRestart(Map<String, String> parameters) {
    }

    default void started(Map<String, String> parameters, long executionId) {
    }

    default List<String> parameterNames() {
        return parameters().stream().map(JobParameter::name).toList();
    }

    default List<String> requiredNames() {
        return parameters().stream().filter(JobParameter::required).map(JobParameter::name).toList();
    }
}
