package cn.canbao.batch.roster;

import cn.canbao.roster.boundary.RosterImporter.Row;
import cn.canbao.roster.boundary.RosterSnapshots;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * Step "compare" of {@code roster-snapshot}: the stored file parsed ({@link RosterFile}), its rows staged and compared in
 * one transaction (a restart does it again); exit status COMPARED with the number of rows.
 */
@Named
@Dependent
public class RosterSnapshotComparer extends AbstractBatchlet {

    @Inject @BatchProperty String snapshotId;

    @Inject
    RosterSnapshots snapshots;

    @Override
    public String process() {
        long id = Long.parseLong(snapshotId);
        long t0 = System.nanoTime();
        RosterSnapshots.Upload upload = snapshots.upload(id);
        List<Row> rows = RosterFile.rows(upload.format(), upload.content());
        java.util.logging.Logger.getLogger(RosterSnapshotComparer.class.getName()).info(() -> "roster snapshot " + id + ": "
                + rows.size() + " rows read from the stored file in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        snapshots.stageAndCompare(id, rows);
        return "COMPARED " + rows.size();
    }
}
