package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.roster.boundary.RosterSnapshots;
import cn.canbao.roster.boundary.RosterSnapshots.Comparison;
import cn.canbao.roster.boundary.Rosters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Full rosters in for comparison ({@code POST /rosters/snapshots}, the roster comparison screen): the roster component
 * checks and keeps the upload, {@link UploadJobs} starts {@code roster-snapshot} and waits for the comparison a little
 * while.
 */
@Stateless
@RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RosterSnapshotRuns {

    @Inject
    RosterSnapshots snapshots;

    @Inject
    UploadJobs uploads;

    public Comparison compare(Rosters.Upload upload, Duration wait) {
        long id = snapshots.store(upload);
        return uploads.run(RosterSnapshots.JOB, Map.of("snapshotId", String.valueOf(id)), wait, () -> snapshots.comparison(id),
                why -> snapshots.discardUnstarted(id, why));
    }

    public Comparison comparison(long snapshotId) {
        return uploads.report(() -> snapshots.comparison(snapshotId));
    }

    public List<Comparison> recent(int first, int max) {
        return snapshots.recent(first, max).stream().map(c -> c.withStatus(uploads.status(c.executionId()), null)).toList();
    }

    public long count() {
        return snapshots.count();
    }
}
