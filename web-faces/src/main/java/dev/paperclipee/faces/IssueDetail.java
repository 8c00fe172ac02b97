package dev.paperclipee.faces;

import dev.paperclipee.activity.boundary.Activities;
import dev.paperclipee.activity.boundary.ActivityFilter;
import dev.paperclipee.activity.entity.ActivityEntry;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.attachment.boundary.AttachmentContent;
import dev.paperclipee.attachment.boundary.AttachmentUpload;
import dev.paperclipee.attachment.boundary.IssueAttachments;
import dev.paperclipee.attachment.boundary.StoredAttachment;
import dev.paperclipee.attachment.boundary.UploadTarget;
import dev.paperclipee.attachment.control.StagedObject;
import dev.paperclipee.document.boundary.DocumentDraft;
import dev.paperclipee.document.boundary.IssueDocuments;
import dev.paperclipee.document.boundary.KeyedDocument;
import dev.paperclipee.faces.routing.BoardRoute;
import dev.paperclipee.issue.boundary.IssueChanges;
import dev.paperclipee.issue.boundary.IssueComments;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.control.IssueFilter;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueComment;
import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.Change;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.primefaces.model.file.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /companies/{id}/tasks/{issue}} (UUID or identifier): one issue with its thread, documents,
 * attachments, sub-issues and audit trail, and the board's edits of it. Every edit goes through
 * the issue boundaries, which decide; the page only re-reads what they answer.
 */
@Named
@ViewScoped
public class IssueDetail implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int COMMENTS = 500;
    static final int SUB_ISSUES = 200;
    static final int EVENTS = 50;

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Issues issues;

    @Inject
    transient IssueComments comments;

    @Inject
    transient IssueDocuments documents;

    @Inject
    transient IssueAttachments attachments;

    @Inject
    transient Activities activities;

    @Inject
    transient Agents agents;

    @Inject
    transient Projects projects;

    private UUID companyId;
    private UUID issueId;
    private Issue issue;
    private List<Issue> ancestors;
    private List<IssueComment> thread;
    private List<KeyedDocument> docs;
    private List<StoredAttachment> files;
    private List<Issue> subIssues;
    private List<ActivityEntry> events;
    private List<Agent> companyAgents;
    private List<Project> companyProjects;
    private Map<UUID, String> agentNames;

    // edits
    private String status;
    private String priority;
    private String assignee;
    private String project;
    private String commentBody;
    private String subTitle;
    private String docKey;
    private String docTitle;
    private String docBody;
    private UUID docBase;

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        Issue found = issues.find(session.actor(), route.getItemId());
        if (!found.getCompanyId().equals(companyId)) {
            throw new dev.paperclipee.shared.entity.NotFoundException("No issue " + route.getItemId() + " in this company");
        }
        issueId = found.getId();
        companyAgents = agents.list(session.actor(), companyId, null);
        companyProjects = projects.list(session.actor(), companyId);
        agentNames = companyAgents.stream().collect(Collectors.toMap(Agent::getId, Agent::getName));
        reload();
    }

    /** Reads the issue and everything around it again. */
    public void reload() {
        String ref = issueId.toString();
        issue = issues.find(session.actor(), ref);
        ancestors = new ArrayList<>(issues.ancestors(issue));
        Collections.reverse(ancestors);
        thread = comments.list(session.actor(), ref, null, false, COMMENTS);
        docs = documents.list(session.actor(), ref);
        files = attachments.list(session.actor(), ref);
        subIssues = issues.list(session.actor(), companyId,
                new IssueFilter(Set.of(), null, null, issueId, null, SUB_ISSUES, 0));
        events = activities.list(session.actor(), companyId,
                new ActivityFilter(null, "issue", ref, null, null, EVENTS, 0));
        status = issue.getStatus().name();
        priority = issue.getPriority().name();
        assignee = issue.getAssigneeAgentId() == null ? "" : issue.getAssigneeAgentId().toString();
        project = issue.getProjectId() == null ? "" : issue.getProjectId().toString();
    }

    /** Status, priority, assignee and project as the side panel holds them; only what changed is sent. */
    public void saveFields() {
        try {
            String newStatus = status.equals(issue.getStatus().name()) ? null : status;
            String newPriority = priority.equals(issue.getPriority().name()) ? null : priority;
            Change<UUID> newAssignee = changed(assignee, issue.getAssigneeAgentId());
            Change<UUID> newProject = changed(project, issue.getProjectId());
            if (newStatus == null && newPriority == null && newAssignee == null && newProject == null) {
                return;
            }
            issues.update(session.actor(), issueId.toString(), new IssueChanges(null, null, newStatus, newPriority,
                    newAssignee, null, newProject, null, null, null, null));
            info(issue.getIdentifier() + " saved");
        } finally {
            reload();
        }
    }

    public void addComment() {
        comments.add(session.actor(), issueId.toString(), commentBody);
        commentBody = null;
        info("Comment added");
        reload();
    }

    public void addSubIssue() {
        Issue created = issues.create(session.actor(), companyId,
                new IssueDraft(subTitle, null, null, null, null, null, null, null, issueId, null));
        subTitle = null;
        info(created.getIdentifier() + " created under " + issue.getIdentifier());
        reload();
    }

    /** Opens a document in the editor (null key: a new one). */
    public void editDocument(String key) {
        KeyedDocument doc = key == null ? null : docs.stream().filter(d -> d.key().equals(key)).findFirst().orElse(null);
        docKey = doc == null ? null : doc.key();
        docTitle = doc == null ? null : doc.document().getTitle();
        docBody = doc == null ? null : doc.document().getLatestBody();
        docBase = doc == null ? null : doc.document().getLatestRevisionId();
    }

    public void saveDocument() {
        IssueDocuments.Written written = documents.put(session.actor(), issueId.toString(), docKey,
                new DocumentDraft(docTitle, null, docBody == null ? "" : docBody, docBase, null));
        info("Document " + written.document().key() + (written.created() ? " created" : " saved"));
        editDocument(null);
        reload();
    }

    public void upload(FileUploadEvent event) throws IOException {
        UploadedFile file = event.getFile();
        UploadTarget target = attachments.target(session.actor(), companyId, issueId.toString());
        StagedObject staged;
        try (InputStream in = file.getInputStream()) {
            staged = attachments.receive(target, in);
        }
        try {
            attachments.add(session.actor(), target, staged, new AttachmentUpload(file.getFileName(), file.getContentType(), null));
        } catch (RuntimeException e) {
            attachments.discard(staged);
            throw e;
        }
        info(file.getFileName() + " attached");
        reload();
    }

    /** The bytes of an attachment, read when the browser asks for them. */
    public StreamedContent download(UUID attachmentId) {
        StoredAttachment stored = files.stream().filter(f -> f.attachment().getId().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new dev.paperclipee.shared.entity.NotFoundException("No such attachment"));
        String name = stored.asset().getOriginalFilename() == null ? "attachment" : stored.asset().getOriginalFilename();
        return DefaultStreamedContent.builder()
                .name(name)
                .contentType(stored.asset().getContentType())
                .contentLength((long) stored.asset().getByteSize())
                .stream(() -> {
                    AttachmentContent content = attachments.content(session.actor(), attachmentId);
                    return content.bytes();
                })
                .build();
    }

    public String agentName(UUID id) {
        return id == null ? null : agentNames.getOrDefault(id, "unknown agent");
    }

    /** Who wrote a comment or did something: an agent's name, else "Board". */
    public String author(UUID agentId) {
        return agentId == null ? "Board" : agentName(agentId);
    }

    public String projectName(UUID id) {
        return id == null ? null : companyProjects.stream().filter(p -> p.getId().equals(id)).map(Project::getName)
                .findFirst().orElse(null);
    }

    public String initials(UUID agentId) {
        String name = author(agentId);
        String[] words = name.strip().split("\\s+");
        return (words[0].substring(0, 1) + (words.length > 1 ? words[words.length - 1].substring(0, 1) : "")).toUpperCase();
    }

    public String size(int bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }

    public IssueStatus[] getStatusValues() {
        return IssueStatus.values();
    }

    public IssuePriority[] getPriorityValues() {
        return IssuePriority.values();
    }

    /** Whether the document editor holds a new document (its key still to be chosen). */
    public boolean isNewDocument() {
        return docBase == null;
    }

    private static Change<UUID> changed(String chosen, UUID current) {
        UUID value = chosen == null || chosen.isBlank() ? null : UUID.fromString(chosen);
        if (Objects.equals(value, current)) {
            return null;
        }
        return value == null ? Change.clear() : Change.to(value);
    }

    private static void info(String message) {
        Toasts.info(message);
    }

    public UUID getCompanyId() { return companyId; }
    public Issue getIssue() { return issue; }
    public List<Issue> getAncestors() { return ancestors; }
    public List<IssueComment> getComments() { return thread; }
    public List<KeyedDocument> getDocuments() { return docs; }
    public List<StoredAttachment> getAttachments() { return files; }
    public List<Issue> getSubIssues() { return subIssues; }
    public List<ActivityEntry> getEvents() { return events; }
    public List<Agent> getAgents() { return companyAgents; }
    public List<Project> getProjects() { return companyProjects; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getPriority() { return priority; }
    public void setPriority(String priority) { this.priority = priority; }
    public String getAssignee() { return assignee; }
    public void setAssignee(String assignee) { this.assignee = assignee; }
    public String getProject() { return project; }
    public void setProject(String project) { this.project = project; }
    public String getCommentBody() { return commentBody; }
    public void setCommentBody(String commentBody) { this.commentBody = commentBody; }
    public String getSubTitle() { return subTitle; }
    public void setSubTitle(String subTitle) { this.subTitle = subTitle; }
    public String getDocKey() { return docKey; }
    public void setDocKey(String docKey) { this.docKey = docKey; }
    public String getDocTitle() { return docTitle; }
    public void setDocTitle(String docTitle) { this.docTitle = docTitle; }
    public String getDocBody() { return docBody; }
    public void setDocBody(String docBody) { this.docBody = docBody; }
}
