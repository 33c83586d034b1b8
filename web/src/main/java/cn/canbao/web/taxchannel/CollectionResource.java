package cn.canbao.web.taxchannel;

import cn.canbao.batch.boundary.CollectionImports;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.taxchannel.boundary.Collections;
import cn.canbao.web.platform.Paging;
import cn.canbao.web.platform.UploadForms;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/v1/collections}: the tax bureau's collection files (征收明细) in (../shared/spec/API.md, "Money from the tax
 * channels"). A file is checked at once — header, control line against the lines (422, nothing kept) — then taken
 * line by line by the batch job {@code collection-import}: <b>202</b> with the report so far and
 * {@code Location: /collections/{id}}; {@code wait} (seconds, default 0, at most 120) holds the answer until the job
 * ends, still 202. Multipart fields: {@code file} (CSV in UTF-8 or GBK, or XLSX), optional {@code encoding}.
 */
@Path("collections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
public class CollectionResource {

    @Inject
    CollectionImports imports;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(List<EntityPart> parts, @QueryParam("wait") String wait) {
        int seconds = Paging.number("wait", wait, 0, 0, 120);
        UploadForms.Form form = UploadForms.read(parts, Collections.MAX_BYTES);
        Collections.Report report = imports.take(new Collections.Upload(form.format(), form.field("encoding"),
                form.fileName(), form.content()), java.time.Duration.ofSeconds(seconds));
        return Response.accepted(report).location(uri.getBaseUriBuilder().path("collections/{id}").build(report.id())).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION, Roles.OPERATOR})
    public Collections.Report report(@PathParam("id") long id) {
        return imports.report(id);
    }

    /** The lines with a problem, in line order: {@code [{line, transactionId, code, detail}]}, paged, {@code X-Total-Count}. */
    @GET
    @Path("{id}/problems")
    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION, Roles.OPERATOR})
    public Response problems(@PathParam("id") long id, @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        Collections.Problems found = imports.problems(id, paging.offset(), paging.size());
        return Paging.answer(found.problems(), found.total());
    }
}
