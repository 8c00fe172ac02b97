package dev.paperclipee.rest.company;

import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Spec §10.1: {@code /api/companies}. */
@Tag(name = "companies")
@Path("companies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompaniesResource {

    @Inject
    Companies companies;

    @Inject
    Caller caller;

    /** Every visible company, not paged (clients rely on that). */
    @GET
    public List<CompanyResponse> list() {
        return companies.list(caller.actor()).stream().map(CompanyResponse::of).toList();
    }

    @POST
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = CompanyResponse.class)))
    public Response create(@NotNull(message = "a JSON object is required") @Valid CompanyRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(CompanyResponse.of(companies.create(caller.actor(), body.toDraft())))
                .build();
    }

    @GET
    @Path("{companyId}")
    public CompanyResponse get(@PathParam("companyId") String companyId) {
        return CompanyResponse.of(companies.find(caller.actor(), Json.id("Company", companyId)));
    }

    @PATCH
    @Path("{companyId}")
    public CompanyResponse update(@PathParam("companyId") String companyId,
                                  @NotNull(message = "a JSON object is required") @Valid CompanyRequests.Update body) {
        return CompanyResponse.of(companies.update(caller.actor(), Json.id("Company", companyId), body.toChanges()));
    }

    @PATCH
    @Path("{companyId}/branding")
    public CompanyResponse brand(@PathParam("companyId") String companyId,
                                 @NotNull(message = "a JSON object is required") @Valid CompanyRequests.Branding body) {
        return CompanyResponse.of(companies.brand(caller.actor(), Json.id("Company", companyId),
                body.brandColor(), body.logoUrl()));
    }

    @POST
    @Path("{companyId}/archive")
    public CompanyResponse archive(@PathParam("companyId") String companyId) {
        return CompanyResponse.of(companies.archive(caller.actor(), Json.id("Company", companyId)));
    }
}
