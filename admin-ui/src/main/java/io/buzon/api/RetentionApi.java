package io.buzon.api;

import io.buzon.console.web.ConsoleRequest;
import io.buzon.store.retention.AccountPurge;
import io.buzon.store.retention.RetentionPreview;
import io.buzon.store.retention.RetentionReport;
import io.buzon.store.retention.RetentionService;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

@Path("/api/v1/retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
@SecurityRequirement(name = "bearer")
public class RetentionApi {

    public record AccountLine(String login, int messages, long bytes) {
        static AccountLine of(AccountPurge p) {
            return new AccountLine(p.login(), p.messages(), p.bytes());
        }
    }

    public record Preview(Instant asOf, int messages, long bytes, List<AccountLine> accounts) {
    }

    public record Run(long runId, String status, int messages, long bytes, List<AccountLine> purged, List<String> skippedInUse) {
    }

    @Inject
    RetentionService retention;

    @Inject
    ConsoleRequest ctx;


    @POST
    @Path("preview")
    @Operation(summary = "What a retention run would delete now (nothing changes)")
    public Preview preview() {
        RetentionPreview p = retention.preview();
        return new Preview(p.asOf(), p.messages(), p.bytes(), p.accounts().stream().map(AccountLine::of).toList());
    }

    @POST
    @Path("run")
    @Operation(summary = "Run the retention purge now; accounts with an open POP3 session are skipped")
    public Run run() {
        RetentionReport r = retention.purge(ctx.actor());
        return new Run(r.runId(), r.status(), r.messages(), r.bytes(), r.purged().stream().map(AccountLine::of).toList(),
                r.skipped().stream().map(s -> s.purge().login()).toList());
    }
}
