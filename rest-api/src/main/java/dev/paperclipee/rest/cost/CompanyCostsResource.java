package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.Costs;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Spec §10.7: a company's costs for one UTC calendar month — {@code ?month=YYYY-MM}, the current
 * month by default — as a summary against its budget, by agent, by project and by provider/model.
 * Lists are the most expensive first and hold only what spent in the month. The board reads every
 * company's costs, an agent its own company's.
 */
@Tag(name = "costs")
@Path("companies/{companyId}/costs")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyCostsResource {

    private static final String MONTH = "a UTC calendar month, YYYY-MM; the current month when absent";

    @Inject
    Costs costs;

    @Inject
    Caller caller;

    @GET
    @Path("summary")
    public CostResponses.Summary summary(@PathParam("companyId") String companyId,
                                         @Parameter(description = MONTH, schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"))
                                         @QueryParam("month") String month) {
        return CostResponses.Summary.of(costs.summary(caller.actor(), Json.id("Company", companyId),
                QueryParams.month("month", month)));
    }

    @GET
    @Path("by-agent")
    public List<CostResponses.ByAgent> byAgent(@PathParam("companyId") String companyId,
                                               @Parameter(description = MONTH, schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"))
                                               @QueryParam("month") String month) {
        return costs.byAgent(caller.actor(), Json.id("Company", companyId), QueryParams.month("month", month)).stream()
                .map(CostResponses.ByAgent::of).toList();
    }

    @GET
    @Path("by-project")
    public List<CostResponses.ByProject> byProject(@PathParam("companyId") String companyId,
                                                   @Parameter(description = MONTH, schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"))
                                                   @QueryParam("month") String month) {
        return costs.byProject(caller.actor(), Json.id("Company", companyId), QueryParams.month("month", month)).stream()
                .map(CostResponses.ByProject::of).toList();
    }

    @GET
    @Path("by-model")
    public List<CostResponses.ByModel> byModel(@PathParam("companyId") String companyId,
                                               @Parameter(description = MONTH, schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"))
                                               @QueryParam("month") String month) {
        return costs.byModel(caller.actor(), Json.id("Company", companyId), QueryParams.month("month", month)).stream()
                .map(CostResponses.ByModel::of).toList();
    }
}
