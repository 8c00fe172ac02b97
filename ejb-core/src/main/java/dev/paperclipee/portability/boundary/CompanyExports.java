package dev.paperclipee.portability.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.portability.control.CompanySnapshot;
import dev.paperclipee.portability.control.JsonMaps;
import dev.paperclipee.portability.control.PackageArchive;
import dev.paperclipee.portability.control.PackageWriter;
import dev.paperclipee.portability.entity.PackageProblem;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Company export (spec §21; issue 8): the board starts the {@code company-export} Jakarta Batch job
 * for a company, follows its progress, and downloads the package it wrote as a zip. Projects and
 * tasks are opt-in. The job (batch-jobs module) calls {@link #write}. Starting, restarting and
 * reading executions happen outside JTA transactions: Payara creates its job-repository tables lazily,
 * and inside a transaction that DDL is lost (ARCHITECTURE "Jakarta Batch").
 *
 * <p>An execution belongs to the company whose id it was started with; others are 404.
 */
@Stateless
public class CompanyExports {

    public static final String JOB = "company-export";
    public static final String COMPANY_ID = "companyId";
    public static final String PROJECTS = "projects";
    public static final String TASKS = "tasks";

    /** The job's execution and, once it has written one, its package. */
    public record Export(JobRun run, Integer fileCount, Long byteSize, List<PackageProblem> warnings) {
    }

    /** A written package: the zip's file name and bytes. */
    public record Download(String filename, byte[] zip) {
    }

    @Inject
    CompanyScope scope;

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanySnapshot snapshot;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Export start(Actor actor, UUID companyId, boolean projects, boolean tasks) {
        actor.requireBoard();
        scope.require(actor, companyId);
        Properties parameters = new Properties();
        parameters.setProperty(COMPANY_ID, companyId.toString());
        parameters.setProperty(PROJECTS, Boolean.toString(projects));
        parameters.setProperty(TASKS, Boolean.toString(tasks));
        long id = BatchRuntime.getJobOperator().start(JOB, parameters);
        return new Export(JobRun.of(BatchRuntime.getJobOperator().getJobExecution(id)), null, null, List.of());
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Export status(Actor actor, UUID companyId, long jobId) {
        actor.requireBoard();
        scope.require(actor, companyId);
        JobExecution execution = execution(companyId, jobId);
        Object[] row = packageRow(jobId, false);
        return new Export(JobRun.of(execution), row == null ? null : ((Number) row[0]).intValue(),
                row == null ? null : ((Number) row[1]).longValue(), row == null ? List.of() : warnings((String) row[2]));
    }

    /** The zip the execution wrote; 409 while it has not finished writing one. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Download download(Actor actor, UUID companyId, long jobId) {
        actor.requireBoard();
        Company company = scope.require(actor, companyId);
        JobExecution execution = execution(companyId, jobId);
        Object[] row = packageRow(jobId, true);
        if (row == null) {
            throw new ConflictException("The export has no package yet: it is " + execution.getBatchStatus(),
                    Map.of("status", execution.getBatchStatus().name()));
        }
        String slug = dev.paperclipee.portability.control.Slugs.of(company.getName(), "company");
        return new Download(slug + ".zip", (byte[]) row[3]);
    }

    /**
     * The job's work (its {@code write-package} step): the company as a package, zipped and stored for
     * this execution (a repeated step replaces what an earlier attempt stored). Answers a summary.
     */
    public String write(long jobId, UUID companyId, boolean projects, boolean tasks) {
        Company company = em.find(Company.class, companyId);
        if (company == null) {
            throw NotFoundException.of("Company", companyId);
        }
        CompanySnapshot.Snapshot s = snapshot.of(company, new CompanySnapshot.Options(projects, tasks));
        SortedMap<String, String> files = PackageWriter.write(s.model());
        byte[] zip = PackageArchive.zip(s.model().company().slug(), files);
        List<Object> warnings = s.warnings().stream().map(w -> (Object) Map.of("file", w.file(), "line", w.line(),
                "reason", w.reason())).toList();
        em.createNativeQuery("delete from company_packages where job_id = ?").setParameter(1, jobId).executeUpdate();
        em.createNativeQuery("""
                        insert into company_packages (kind, company_id, job_id, file_count, byte_size, content, warnings)
                        values ('export', ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .setParameter(1, companyId).setParameter(2, jobId).setParameter(3, files.size()).setParameter(4, (long) zip.length)
                .setParameter(5, zip).setParameter(6, JsonMaps.json(warnings).toString()).executeUpdate();
        return "wrote " + files.size() + " files (" + zip.length + " bytes zipped), " + warnings.size() + " warnings";
    }

    private Object[] packageRow(long jobId, boolean withContent) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select file_count, byte_size, warnings::text"
                + (withContent ? ", content" : "") + " from company_packages where job_id = ? and kind = 'export'")
                .setParameter(1, jobId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<PackageProblem> warnings(String json) {
        Object list = JsonMaps.plain(dev.paperclipee.shared.entity.JsonText.JSON.createReader(new java.io.StringReader(json)).readValue());
        return ((List<?>) list).stream().map(o -> {
            Map<?, ?> m = (Map<?, ?>) o;
            return new PackageProblem((String) m.get("file"), ((Number) m.get("line")).intValue(), (String) m.get("reason"));
        }).toList();
    }

    private static JobExecution execution(UUID companyId, long jobId) {
        JobExecution execution = JobRun.execution(JOB, jobId);
        if (execution == null || !companyId.toString().equals(execution.getJobParameters().getProperty(COMPANY_ID))) {
            throw NotFoundException.of("Export job", jobId);
        }
        return execution;
    }

    static boolean finished(JobExecution e) {
        return e.getBatchStatus() == BatchStatus.COMPLETED;
    }

    static Map<String, Object> map(PackageProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("line", p.line());
        m.put("reason", p.reason());
        return m;
    }
}
