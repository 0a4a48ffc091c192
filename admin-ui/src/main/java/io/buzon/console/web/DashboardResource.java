package io.buzon.console.web;

import io.buzon.console.overview.Overview;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The console's first page: how big the installation is and how it is being used right now. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance dashboard(Overview.Figures figures);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    Overview overview;

    @GET
    public TemplateInstance dashboard() {
        return ctx.render(Templates.dashboard(overview.figures(ctx.admin())));
    }
}
