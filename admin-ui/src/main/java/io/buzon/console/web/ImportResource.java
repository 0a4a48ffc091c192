package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.store.importer.DovecotImport;
import io.buzon.store.importer.ImportJobs;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Migration import from a Dovecot installation (passwd-file + Maildirs on this server's disks), the console
 * side of the {@code import} command. The import runs in the background ({@link ImportJobs}); the job page
 * shows its progress and, when done, the report. Paths are on the server and imports span domains, so the
 * page is for super admins only.
 */
@Path("/console/import")
@Produces(MediaType.TEXT_HTML)
public class ImportResource {

    /** The form as typed, shown again with a validation message. */
    public record ImportForm(String passwdFile, String maildirRoot, String maildirTemplate, boolean createDomains) {
        static ImportForm defaults() {
            return new ImportForm("", "", "", true);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance imports(ImportForm form, List<ImportJobs.Job> jobs, Alerts alerts);

        static native TemplateInstance importJob(ImportJobs.Job job, boolean running);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    ImportJobs jobs;

    @GET
    public TemplateInstance page() {
        ctx.requireSuperAdmin();
        return page(ImportForm.defaults(), Alerts.none());
    }

    @POST
    public Response start(@RestForm String passwdFile, @RestForm String maildirRoot, @RestForm String maildirTemplate,
                          @RestForm String createDomains) {
        ctx.requireSuperAdmin();
        ImportForm form = new ImportForm(trim(passwdFile), trim(maildirRoot), trim(maildirTemplate),
                createDomains != null && !createDomains.isBlank());
        DovecotImport request;
        try {
            request = validate(form);
        } catch (ConsoleException e) {
            return Response.status(e.status()).entity(page(form, Alerts.of(e))).build();
        }
        String id = jobs.startDovecot(request);
        return Redirects.to("/console/import/" + id);
    }

    @GET
    @Path("{id}")
    public TemplateInstance job(@PathParam("id") String id) {
        ctx.requireSuperAdmin();
        ImportJobs.Job job = jobs.find(id).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        boolean running = job.state() == ImportJobs.State.QUEUED || job.state() == ImportJobs.State.RUNNING;
        return ctx.render(Templates.importJob(job, running));
    }

    private DovecotImport validate(ImportForm form) {
        if (form.passwdFile().isEmpty()) {
            throw new ConsoleException("error_import_passwdFileMissing");
        }
        java.nio.file.Path passwd = path(form.passwdFile(), "error_import_passwdFileMissing");
        if (!Files.isRegularFile(passwd) || !Files.isReadable(passwd)) {
            throw new ConsoleException("error_import_passwdFileUnreadable");
        }
        Optional<java.nio.file.Path> root = Optional.empty();
        if (!form.maildirRoot().isEmpty()) {
            java.nio.file.Path r = path(form.maildirRoot(), "error_import_maildirRoot");
            if (!Files.isDirectory(r)) {
                throw new ConsoleException("error_import_maildirRoot");
            }
            root = Optional.of(r);
        }
        String template = form.maildirTemplate();
        if (!template.isEmpty() && (root.isEmpty() || template.startsWith("/") || template.contains(".."))) {
            // a template is relative to the root; without one Dovecot's own home/userdb_mail fields are used
            throw new ConsoleException("error_import_template");
        }
        return new DovecotImport(passwd, root, Optional.of(template), form.createDomains(), ctx.actor());
    }

    private static java.nio.file.Path path(String text, String errorKey) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(text);
            if (!p.isAbsolute()) {
                throw new ConsoleException(errorKey);
            }
            return p.normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConsoleException(errorKey);
        }
    }

    private TemplateInstance page(ImportForm form, Alerts alerts) {
        return ctx.render(Templates.imports(form, jobs.list().stream().limit(20).toList(), alerts));
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
