package dev.paperclipee.portability.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.entity.AgentRole;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.portability.control.ImportPlan;
import dev.paperclipee.portability.control.ImportTarget;
import dev.paperclipee.portability.control.JsonMaps;
import dev.paperclipee.portability.control.PackageArchive;
import dev.paperclipee.portability.control.PackageImporter;
import dev.paperclipee.portability.control.PackageReader;
import dev.paperclipee.portability.entity.InvalidPackageException;
import dev.paperclipee.portability.entity.PackageProblem;
import dev.paperclipee.project.entity.ProjectStatus;
import dev.paperclipee.shared.entity.DomainException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.PayloadTooLargeException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Company import (spec §21; issue 8; company-package.md §10), board only: a zip is uploaded (or a
 * server directory named), previewed — what would be created, renamed, skipped or replaced, and every
 * problem with its file and line —, and applied by the {@code company-import} Jakarta Batch job into
 * a new or an existing company. The job's {@code validate} step ends the job when the package has
 * errors (outcome {@code rejected}); its {@code apply} step plans again and applies in one
 * transaction together with the report (outcome {@code applied}); a refusal on the way rolls it all
 * back and is reported as {@code failed}. Either way nothing of a bad package is stored.
 */
@Stateless
public class CompanyImports {

    public static final String JOB = "company-import";
    static final Set<String> STRATEGIES = Set.of(ImportPlan.RENAME, ImportPlan.SKIP, ImportPlan.REPLACE);

    public record Upload(UUID packageId, int fileCount, long byteSize) {
    }

    /** An import execution and, once it has one, its report ({@code outcome}, {@code companyId}, {@code plan}, {@code error}). */
    public record ImportJob(JobRun run, String outcome, UUID companyId, Map<String, Object> report) {
    }

    static final PackageReader.Vocabulary VOCABULARY = new PackageReader.Vocabulary(names(AgentRole.values()),
            names(ProjectStatus.values()), names(IssueStatus.values()), names(IssuePriority.values()));

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    ImportSources sources;

    @Inject
    PackageImporter importer;

    /**
     * Stores an uploaded zip for preview and import: at most {@value PackageArchive#MAX_ZIP_BYTES}
     * bytes (413), a readable zip with safe paths and within the limits of {@link PackageArchive}.
     */
    public Upload upload(Actor actor, byte[] bytes) {
        actor.requireBoard();
        if (bytes.length > PackageArchive.MAX_ZIP_BYTES) {
            throw new PayloadTooLargeException("The zip is larger than " + PackageArchive.MAX_ZIP_BYTES + " bytes",
                    Map.of("maxBytes", PackageArchive.MAX_ZIP_BYTES));
        }
        SortedMap<String, byte[]> files = PackageArchive.unzip(new ByteArrayInputStream(bytes));
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into company_packages (id, kind, file_count, byte_size, content) values (?, 'upload', ?, ?, ?)")
                .setParameter(1, id).setParameter(2, files.size()).setParameter(3, (long) bytes.length).setParameter(4, bytes)
                .executeUpdate();
        return new Upload(id, files.size(), bytes.length);
    }

    /** The dry run: what an import of the request would do, and every problem. Changes nothing. */
    public ImportPlan preview(Actor actor, ImportRequest request) {
        ImportTarget target = target(actor, request);
        return plan(request, target);
    }

    /** Checks the request and starts the job (202); the package itself is checked by the job. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportJob start(Actor actor, ImportRequest request) {
        target(actor, request);
        if (sources.requireSource(request)) {
            sources.upload(request.packageId());
        } else {
            ImportSources.allowed(request.directory());
        }
        Properties p = new Properties();
        put(p, "packageId", request.packageId());
        put(p, "directory", request.directory());
        put(p, "companyId", request.companyId());
        put(p, "newCompanyName", request.newCompanyName());
        put(p, "collisionStrategy", request.collisionStrategy());
        put(p, "projects", request.projects());
        put(p, "tasks", request.tasks());
        put(p, "userId", actor.userId());
        long id = BatchRuntime.getJobOperator().start(JOB, p);
        return new ImportJob(JobRun.of(BatchRuntime.getJobOperator().getJobExecution(id)), null, null, null);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportJob status(Actor actor, long jobId) {
        actor.requireBoard();
        JobExecution execution = JobRun.execution(JOB, jobId);
        if (execution == null) {
            throw NotFoundException.of("Import job", jobId);
        }
        List<?> rows = em.createNativeQuery("select outcome, cast(company_id as text), report::text from company_imports where job_id = ?")
                .setParameter(1, jobId).getResultList();
        if (rows.isEmpty()) {
            return new ImportJob(JobRun.of(execution), null, null, null);
        }
        Object[] row = (Object[]) rows.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) JsonMaps.plain(JsonText.JSON.createReader(new StringReader((String) row[2])).readValue());
        return new ImportJob(JobRun.of(execution), (String) row[0], row[1] == null ? null : UUID.fromString((String) row[1]), report);
    }

    // ---- the job's steps ------------------------------------------------------------------------

    /** Step {@code validate}: true if the package can be applied; else records the rejection. */
    public boolean validate(long jobId, Properties parameters) {
        ImportRequest request = request(parameters);
        ImportPlan plan;
        try {
            plan = plan(request, target(actor(parameters), request));
        } catch (DomainException e) {
            record(jobId, "rejected", null, null, e);
            return false;
        }
        if (!plan.ok()) {
            record(jobId, "rejected", null, plan, null);
            return false;
        }
        return true;
    }

    /** Step {@code apply}: plans again and applies in this transaction, which also stores the report. */
    public String apply(long jobId, Properties parameters) {
        ImportRequest request = request(parameters);
        Actor actor = actor(parameters);
        ImportTarget target = target(actor, request);
        PackageReader.Result read = PackageReader.read(sources.files(request), VOCABULARY);
        ImportPlan plan = importer.plan(read, target);
        if (!plan.ok()) {
            throw new InvalidPackageException(plan.errors());
        }
        UUID companyId = importer.apply(actor, plan, read.model(), target);
        record(jobId, "applied", companyId, plan, null);
        return "imported into " + companyId + ": " + plan.agents().size() + " agents, " + plan.projects().size() + " projects, "
                + plan.tasks().size() + " tasks";
    }

    /** After a failed apply step (its transaction rolled back): what went wrong, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long jobId, Exception cause) {
        record(jobId, "failed", null, null, cause);
    }

    private void record(long jobId, String outcome, UUID companyId, ImportPlan plan, Exception error) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("outcome", outcome);
        report.put("companyId", companyId == null ? null : companyId.toString());
        if (plan != null) {
            report.put("plan", planMap(plan));
        }
        if (error != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
            if (error instanceof DomainException d && d.details() != null) {
                e.put("details", d.details());
            }
            report.put("error", e);
        }
        em.createNativeQuery("""
                        insert into company_imports (job_id, company_id, outcome, report) values (?, cast(nullif(?, '') as uuid), ?, cast(? as jsonb))
                        on conflict (job_id) do update set company_id = excluded.company_id, outcome = excluded.outcome,
                            report = excluded.report""")
                .setParameter(1, jobId).setParameter(2, companyId == null ? "" : companyId.toString()).setParameter(3, outcome)
                .setParameter(4, JsonMaps.json(report).toString()).executeUpdate();
    }

    public static Map<String, Object> planMap(ImportPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("companyAction", plan.companyAction());
        m.put("companyName", plan.companyName());
        m.put("companyId", plan.companyId() == null ? null : plan.companyId().toString());
        m.put("agents", steps(plan.agents()));
        m.put("projects", steps(plan.projects()));
        m.put("tasks", steps(plan.tasks()));
        m.put("skills", steps(plan.skills()));
        m.put("teams", steps(plan.teams()));
        m.put("envInputsWithoutValue", plan.envInputsWithoutValue());
        m.put("errors", problems(plan.errors()));
        m.put("warnings", problems(plan.warnings()));
        return m;
    }

    private static List<Object> steps(List<ImportPlan.Step> steps) {
        return steps.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slug", s.slug());
            m.put("action", s.action());
            m.put("plannedName", s.plannedName());
            m.put("plannedSlug", s.plannedSlug());
            m.put("existingId", s.existingId() == null ? null : s.existingId().toString());
            m.put("reason", s.reason());
            return (Object) m;
        }).toList();
    }

    static List<Object> problems(List<PackageProblem> problems) {
        return problems.stream().map(p -> (Object) CompanyExports.map(p)).toList();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private ImportPlan plan(ImportRequest request, ImportTarget target) {
        PackageReader.Result read = PackageReader.read(sources.files(request), VOCABULARY);
        return importer.plan(read, target);
    }

    /** The request's target, checked: board only, an existing company the actor may reach, a known strategy. */
    private ImportTarget target(Actor actor, ImportRequest request) {
        actor.requireBoard();
        String strategy = request.collisionStrategy() == null ? ImportPlan.RENAME : request.collisionStrategy();
        if (!STRATEGIES.contains(strategy)) {
            throw new InvalidInputException("collisionStrategy", "must be one of rename, skip, replace", "invalid_enum_value");
        }
        if (request.companyId() != null) {
            scope.require(actor, request.companyId());
            if (request.newCompanyName() != null) {
                throw new InvalidInputException("newCompanyName", "only for an import into a new company (no companyId)", "unexpected");
            }
        } else if (request.newCompanyName() != null) {
            Text.required("newCompanyName", request.newCompanyName(), Text.NAME);
        }
        return new ImportTarget(request.companyId(), request.newCompanyName(), strategy,
                request.projects() == null || request.projects(), request.tasks() == null || request.tasks());
    }

    private static ImportRequest request(Properties p) {
        return new ImportRequest(uuid(p.getProperty("packageId")), p.getProperty("directory"), uuid(p.getProperty("companyId")),
                p.getProperty("newCompanyName"), p.getProperty("collisionStrategy"), bool(p.getProperty("projects")),
                bool(p.getProperty("tasks")));
    }

    private static Actor actor(Properties p) {
        UUID user = uuid(p.getProperty("userId"));
        return user == null ? Actor.localBoard() : Actor.boardUser(user);
    }

    private static void put(Properties p, String key, Object value) {
        if (value != null) {
            p.setProperty(key, value.toString());
        }
    }

    private static UUID uuid(String s) {
        return s == null || s.isBlank() ? null : UUID.fromString(s);
    }

    private static Boolean bool(String s) {
        return s == null ? null : Boolean.valueOf(s);
    }

    private static <E extends Enum<E>> Set<String> names(E[] values) {
        return Arrays.stream(values).map(WireEnum::of).collect(Collectors.toSet());
    }
}
