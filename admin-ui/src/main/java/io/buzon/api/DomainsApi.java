package io.buzon.api;

import io.buzon.api.ApiModels.DomainUpdate;
import io.buzon.api.ApiModels.DomainView;
import io.buzon.api.ApiModels.NewDomain;
import io.buzon.console.ConsoleException;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;

@Path("/api/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Domains")
@SecurityRequirement(name = "bearer")
public class DomainsApi {

    @Inject
    io.buzon.console.web.ConsoleRequest ctx;

    @Inject
    DomainService domains;


    @GET
    @Operation(summary = "List all domains")
    public List<DomainView> list() {
        return domains.list().stream().map(DomainView::of).toList();
    }

    @POST
    @Operation(summary = "Create a domain (quotas in octets; null = unlimited)")
    public Response create(NewDomain body) {
        if (body == null) {
            throw new ConsoleException("error_badRequest");
        }
        Domain d = domains.create(ctx.actor(), body.name(), body.defaultQuotaBytes(), body.defaultQuotaMessages());
        return Response.created(URI.create("/api/v1/domains/" + d.name())).entity(DomainView.of(d)).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One domain")
    public DomainView get(@PathParam("name") String name) {
        return DomainView.of(load(name));
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Change a domain's default quotas and/or enabled state (absent fields: quotas become unlimited, state unchanged)")
    public DomainView update(@PathParam("name") String name, DomainUpdate body) {
        Domain d = load(name);
        if (body == null) {
            throw new ConsoleException("error_badRequest");
        }
        Domain updated = domains.setDefaultQuota(ctx.actor(), d.id(), body.defaultQuotaBytes(), body.defaultQuotaMessages());
        if (body.enabled() != null && body.enabled() != d.enabled()) {
            updated = domains.setEnabled(ctx.actor(), d.id(), body.enabled());
        }
        return DomainView.of(updated);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a domain with all its accounts and mail")
    public Map<String, Object> delete(@PathParam("name") String name) {
        Domain d = load(name);
        int accounts = domains.delete(ctx.actor(), d.id());
        return Map.of("deleted", d.name(), "accounts", accounts);
    }

    private Domain load(String name) {
        return domains.find(name).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
    }
}
