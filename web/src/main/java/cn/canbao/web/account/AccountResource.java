package cn.canbao.web.account;

import cn.canbao.web.platform.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.account.boundary.Accounts;
import cn.canbao.account.boundary.Accounts.Account;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/v1/accounts} (../shared/spec/API.md, "Going live"): accounts of the caller's area for district
 * administrators and town officers; every signed-in caller changes their own password here.
 */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER})
public class AccountResource {

    public record NewAccountBody(@FitsColumn("app_user.username") String username,
                                 @FitsColumn("app_user.display_name") String displayName,
                                 @FitsColumn("app_user.role") String role, @FitsColumn("region.code") String regionCode,
                                 @Size(max = 128, message = "至多 {max} 个字符 / at most {max} characters") String password,
                                 @FitsColumn("app_user.department") String department) {
    }

    public record ChangeBody(@FitsColumn("app_user.display_name") String displayName, @FitsColumn("app_user.role") String role,
                             @FitsColumn("region.code") String regionCode, Boolean enabled,
                             @FitsColumn("app_user.department") String department) {
    }

    public record PasswordBody(@Size(max = 128, message = "至多 {max} 个字符 / at most {max} characters") String password,
                               @Size(max = 128, message = "至多 {max} 个字符 / at most {max} characters") String currentPassword) {
    }

    @Inject
    Accounts accounts;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid NewAccountBody body) {
        requireBody(body);
        Account created = accounts.create(new Accounts.NewAccount(body.username(), body.displayName(), body.role(),
                body.regionCode(), body.password(), body.department()));
        return Response.created(uri.getBaseUriBuilder().path("accounts/{username}").build(created.username()))
                .entity(created).build();
    }

    @GET
    public Response list(@QueryParam("regionCode") String regionCode, @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        Accounts.Page result = accounts.list(regionCode, paging.page(), paging.size());
        return Response.ok(result.accounts()).header("X-Total-Count", result.total()).build();
    }

    /** The caller's own account. */
    @GET
    @Path("me")
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.SUPERVISOR,
            Roles.OPERATOR, Roles.INTEGRATION})
    public Account me() {
        return accounts.me();
    }

    @GET
    @Path("{username}")
    public Account get(@PathParam("username") String username) {
        return accounts.get(username);
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Account change(@PathParam("username") String username, @Valid ChangeBody body) {
        requireBody(body);
        if (body.displayName() == null && body.role() == null && body.regionCode() == null && body.enabled() == null
                && body.department() == null) {
            throw ProblemException.badRequest("NOTHING_TO_CHANGE", "请求未包含要修改的字段（displayName、role、regionCode、enabled、department）",
                    "the request names nothing to change (displayName, role, regionCode, enabled, department)", List.of());
        }
        return accounts.change(username, new Accounts.Change(body.displayName(), body.role(), body.regionCode(), body.enabled(),
                body.department()));
    }

    /**
     * A new password: one's own with {@code currentPassword}; an administrator's reset of an account of the area
     * otherwise (the account must change it at its next sign-in).
     */
    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.SUPERVISOR,
            Roles.OPERATOR, Roles.INTEGRATION})
    public Response password(@PathParam("username") String username, @Valid PasswordBody body, @Context SecurityContext security) {
        requireBody(body);
        boolean own = security.getUserPrincipal() != null && security.getUserPrincipal().getName().equals(username);
        if (own) {
            accounts.changeOwnPassword(body.currentPassword(), body.password());
        } else if (security.isUserInRole(Roles.DISTRICT_ADMIN) || security.isUserInRole(Roles.TOWN_OFFICER)) {
            accounts.resetPassword(username, body.password());
        } else {
            throw ProblemException.forbidden("NOT_YOUR_ACCOUNT", "只能修改自己的密码", "you may change your own password only");
        }
        return Response.noContent().build();
    }

    /** Lifts the sign-in throttle of an account after repeated failures. */
    @POST
    @Path("{username}/unlock")
    public Response unlock(@PathParam("username") String username) {
        accounts.unlock(username);
        return Response.noContent().build();
    }

    /**
     * A new key for a program's account (integration, tax): 201 with the key, shown this once. The program then signs
     * in with HTTP Basic as {@code username:key}; the realm checks it without bcrypt's cost (docs/decisions.md).
     */
    @POST
    @Path("{username}/api-key")
    public Response issueKey(@PathParam("username") String username) {
        return Response.status(201).header("Cache-Control", "no-store").entity(accounts.issueApiKey(username)).build();
    }

    /** Withdraws the account's key at once. */
    @DELETE
    @Path("{username}/api-key")
    public Response revokeKey(@PathParam("username") String username) {
        accounts.revokeApiKey(username);
        return Response.noContent().build();
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
    }
}
