package cn.canbao.batch.boundary;

import cn.canbao.household.boundary.HouseholdComparisons;
import cn.canbao.household.boundary.HouseholdComparisons.Report;
import cn.canbao.household.boundary.HouseholdComparisons.Stored;
import cn.canbao.household.boundary.HouseholdComparisons.Upload;
import cn.canbao.platform.boundary.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;

/**
 * Police household lists in ({@code POST /household-comparisons}): the household component keeps the upload (the same
 * file for the same policy and region is the same comparison), {@link UploadJobs} starts {@code household-comparison}
 * on it (again, for a file compared before: it then records nothing new) and waits for the report a little while.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HouseholdComparisonRuns {

    /** The report and whether the comparison was new (201) or the same file had been compared before (200). */
    public record Outcome(boolean created, Report report) {
    }

    @Inject
    HouseholdComparisons comparisons;

    @Inject
    UploadJobs uploads;

    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Outcome compare(Upload upload, Duration wait) {
        Stored stored = comparisons.store(upload);
        Report report = uploads.run(HouseholdComparisons.JOB, Map.of("comparisonId", String.valueOf(stored.comparisonId())),
                wait, () -> comparisons.report(stored.comparisonId()), why -> {
                    if (stored.created()) {
                        comparisons.discard(stored.comparisonId(), why);
                    }
                });
        return new Outcome(stored.created(), report);
    }

    public Report report(long comparisonId) {
        return uploads.report(() -> comparisons.report(comparisonId));
    }
}
