package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.taxchannel.boundary.Collections;
import cn.canbao.taxchannel.boundary.Collections.Report;
import cn.canbao.taxchannel.boundary.Collections.Upload;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;

/**
 * Tax collection files in ({@code POST /collections}, the SOAP operation): the taxchannel component checks and keeps
 * the file, {@link UploadJobs} starts {@code collection-import} on it and waits for the report a little while.
 */
@Stateless
@jakarta.ejb.LocalBean
@jakarta.ejb.Local(cn.canbao.taxchannel.boundary.CollectionIntake.class)
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CollectionImports implements cn.canbao.taxchannel.boundary.CollectionIntake {

    @Inject
    Collections collections;

    @Inject
    UploadJobs uploads;

    /** Stores the file, starts the job and waits up to {@code wait} for it to end; the report as it then stands. */
    @Override
    public Report take(Upload upload, Duration wait) {
        long id = collections.store(upload);
        return uploads.run(Collections.JOB, Map.of("collectionId", String.valueOf(id)), wait, () -> collections.report(id),
                why -> collections.discard(id, why));
    }

    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION, Roles.OPERATOR})
    @Override
    public Report report(long id) {
        return uploads.report(() -> collections.report(id));
    }

    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION, Roles.OPERATOR})
    @Override
    public Collections.Problems problems(long id, int first, int max) {
        return collections.problems(id, first, max);
    }
}
