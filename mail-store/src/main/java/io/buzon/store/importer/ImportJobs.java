package io.buzon.store.importer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs imports in the background for the console: start one, then poll its progress and, when it is
 * done, its report. Imports run one at a time, in the order started (they compete for the same
 * database and disks); jobs are kept in memory until the application stops.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** A snapshot of one job; {@code report} is set when DONE, {@code error} when FAILED. */
    public record Job(String id, String description, String actor, State state, ImportProgress progress,
                      ImportReport report, String error, Instant startedAt, Instant finishedAt) {
    }

    /** An import to run; throws what the import throws. */
    @FunctionalInterface
    public interface Work {
        ImportReport run(ImportService imports, ImportProgress.Listener listener) throws Exception;
    }

    private final ImportService imports;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "buzon-import");
        t.setDaemon(true);
        return t;
    });

    public ImportJobs(ImportService imports) {
        this.imports = imports;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** Queues a Dovecot import; returns the job id. */
    public String startDovecot(DovecotImport request) {
        return start("Dovecot import from " + request.passwdFile(), request.actor().auditName(),
                (service, listener) -> service.importDovecot(request, listener));
    }

    /** Queues any import (single mailbox from Maildir, mbox or .eml, for example). */
    public String start(String description, String actor, Work work) {
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(id, description, actor, State.QUEUED, null, null, null, Instant.now(), null));
        runner.execute(() -> {
            jobs.computeIfPresent(id, (k, j) -> new Job(id, description, actor, State.RUNNING, null, null, null,
                    j.startedAt(), null));
            try {
                ImportReport report = work.run(imports, p -> jobs.computeIfPresent(id, (k, j) ->
                        new Job(id, description, actor, State.RUNNING, p, null, null, j.startedAt(), null)));
                jobs.computeIfPresent(id, (k, j) -> new Job(id, description, actor, State.DONE, j.progress(), report,
                        null, j.startedAt(), Instant.now()));
            } catch (Exception | Error e) {
                LOG.errorf(e, "import job %s failed", id);
                jobs.computeIfPresent(id, (k, j) -> new Job(id, description, actor, State.FAILED, j.progress(), null,
                        String.valueOf(e.getMessage()), j.startedAt(), Instant.now()));
            }
        });
        return id;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** All jobs, newest first. */
    public List<Job> list() {
        return jobs.values().stream().sorted(Comparator.comparing(Job::startedAt).reversed()).toList();
    }
}
