package dev.paperclipee.rest.portability;

import dev.paperclipee.portability.boundary.CompanyExports;
import dev.paperclipee.portability.boundary.CompanyImports;
import dev.paperclipee.portability.boundary.JobRun;
import dev.paperclipee.portability.control.ImportPlan;
import dev.paperclipee.portability.entity.PackageProblem;
import dev.paperclipee.rest.platform.Json;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** Response bodies of the portability routes. */
public final class PortabilityResponses {

    private PortabilityResponses() {
    }

    @Schema(name = "PackageProblem")
    public record Problem(String file, int line, String reason) {
        static List<Problem> of(List<PackageProblem> problems) {
            return problems.stream().map(p -> new Problem(p.file(), p.line(), p.reason())).toList();
        }
    }

    @Schema(name = "PortabilityJobStep")
    public record Step(String name, String status, String exitStatus) {
    }

    /** An execution of company-export: its progress and, once written, the package's size and warnings. */
    @Schema(name = "CompanyExportJobResponse")
    public record ExportJob(long jobId, String status, String startedAt, String endedAt, String exitStatus, List<Step> steps,
                            Integer fileCount, Long byteSize, List<Problem> warnings, String downloadPath) {
        static ExportJob of(String companyId, CompanyExports.Export e) {
            JobRun r = e.run();
            return new ExportJob(r.jobId(), r.status(), Json.time(r.startedAt()), Json.time(r.endedAt()), r.exitStatus(),
                    stepsOf(r), e.fileCount(), e.byteSize(), Problem.of(e.warnings()),
                    e.fileCount() == null ? null : "/api/companies/" + companyId + "/exports/" + r.jobId() + "/package");
        }
    }

    @Schema(name = "CompanyPackageUploadResponse")
    public record Upload(String packageId, int fileCount, long byteSize) {
        static Upload of(CompanyImports.Upload u) {
            return new Upload(u.packageId().toString(), u.fileCount(), u.byteSize());
        }
    }

    @Schema(name = "CompanyImportStep")
    public record PlanStep(String slug, String action, String plannedName, String plannedSlug, String existingId, String reason) {
        static List<PlanStep> of(List<ImportPlan.Step> steps) {
            return steps.stream().map(s -> new PlanStep(s.slug(), s.action(), s.plannedName(), s.plannedSlug(),
                    s.existingId() == null ? null : s.existingId().toString(), s.reason())).toList();
        }
    }

    /** The dry run: per part of the package what would happen, and every problem (errors block the import). */
    @Schema(name = "CompanyImportPreviewResponse")
    public record Preview(String companyAction, String companyName, String companyId, List<PlanStep> agents,
                          List<PlanStep> projects, List<PlanStep> tasks, List<PlanStep> skills, List<PlanStep> teams,
                          List<String> envInputsWithoutValue, List<Problem> errors, List<Problem> warnings) {
        static Preview of(ImportPlan p) {
            return new Preview(p.companyAction(), p.companyName(), p.companyId() == null ? null : p.companyId().toString(),
                    PlanStep.of(p.agents()), PlanStep.of(p.projects()), PlanStep.of(p.tasks()), PlanStep.of(p.skills()),
                    PlanStep.of(p.teams()), p.envInputsWithoutValue(), Problem.of(p.errors()), Problem.of(p.warnings()));
        }
    }

    /**
     * An execution of company-import: its progress and, once decided, the outcome ({@code applied},
     * {@code rejected}, {@code failed}), the company imported into and the report (the plan as in the
     * preview, and the error of a failed apply).
     */
    @Schema(name = "CompanyImportJobResponse")
    public record ImportJob(long jobId, String status, String startedAt, String endedAt, String exitStatus, List<Step> steps,
                            String outcome, String companyId, Map<String, Object> report) {
        static ImportJob of(CompanyImports.ImportJob j) {
            JobRun r = j.run();
            return new ImportJob(r.jobId(), r.status(), Json.time(r.startedAt()), Json.time(r.endedAt()), r.exitStatus(),
                    stepsOf(r), j.outcome(), j.companyId() == null ? null : j.companyId().toString(), j.report());
        }
    }

    static List<Step> stepsOf(JobRun r) {
        return r.steps().stream().map(s -> new Step(s.name(), s.status(), s.exitStatus())).toList();
    }
}
