package cn.canbao.web.person;

import jakarta.validation.Valid;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code POST /api/v1/households}: a household and its members registered in one step, all or nothing. */
@Path("households")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
public class HouseholdResource {

    /**
     * The registered household; members' ID numbers masked, as in any list. {@code newbornCovers}: the members covered
     * through their insured guardian at this registration (decision 49), empty when none.
     */
    public record HouseholdView(Long householdId, String householdNumber, String regionCode, List<PersonView.Line> members,
                                List<NewbornCoverInfo> newbornCovers) {
    }

    @Inject
    Persons persons;

    @Inject
    PersonRecords records;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Valid Persons.HouseholdRegistration body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        List<Person> members = persons.registerHousehold(body);
        Person first = members.get(0);
        return Response.status(Response.Status.CREATED)
                .entity(new HouseholdView(first.getHousehold().getId(), first.getHousehold().getHouseholdNumber(),
                        first.getHousehold().getRegionCode(), members.stream().map(PersonView.Line::of).toList(),
                        members.stream().flatMap(m -> records.newbornCover(m).stream()).toList()))
                .build();
    }
}
