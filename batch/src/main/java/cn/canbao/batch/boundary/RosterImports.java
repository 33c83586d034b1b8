package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.roster.boundary.Rosters;
import cn.canbao.roster.boundary.Rosters.Report;
import cn.canbao.roster.boundary.Rosters.Upload;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Department rosters in ({@code POST /rosters}, the roster screens): the roster component checks and keeps the upload,
 * {@link UploadJobs} starts {@code roster-import} on it and waits for the report a little while; a longer import
 * answers with the import id to ask again.
 */
@Stateless
@RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RosterImports {

    @Inject
    Rosters rosters;

    @Inject
    UploadJobs uploads;

    /** Stores the upload, starts the job and waits up to {@code wait} for it to end; the report as it then stands. */
    public Report importRoster(Upload upload, Duration wait) {
        long importId = rosters.store(upload);
        return uploads.run(Rosters.JOB, Map.of("importId", String.valueOf(importId)), wait, () -> rosters.report(importId),
                why -> rosters.discard(importId, why));
    }

    public Report report(long importId) {
        return uploads.report(() -> rosters.report(importId));
    }

    /** The imports, newest first, a page at a time, each with its job's status ("STARTING" before it has one). */
    public List<Rosters.Summary> recent(int first, int max) {
        return rosters.imports(first, max).stream().map(s -> s.withStatus(uploads.status(s.executionId()))).toList();
    }

    public long count() {
        return rosters.importCount();
    }
}
