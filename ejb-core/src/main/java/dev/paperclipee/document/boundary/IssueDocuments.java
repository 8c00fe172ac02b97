package dev.paperclipee.document.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.document.entity.Document;
import dev.paperclipee.document.entity.DocumentFormat;
import dev.paperclipee.document.entity.DocumentRevision;
import dev.paperclipee.document.entity.IssueDocument;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.control.IssueAccess;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Documents of an issue (spec §7.15, §10.4): keyed per issue, written with optimistic
 * concurrency on the revision and an append-only history.
 *
 * <p>Every company member reads them (an agent: the issues of its own company). Writing and
 * deleting follow the issue's write rule ({@link IssueAccess#requireWrite}): a plan or design is
 * part of the issue's work, so an agent changes it only on issues it may change.
 *
 * <p>Writes of one issue's documents are serialized by a row lock on the issue, taken before the
 * key is looked up. Of two writes based on the same revision, the second therefore sees the
 * first one's revision and is refused with 409 {@code {currentRevisionId}}; the unique
 * {@code (document_id, revision_number)} and {@code (issue_id, key)} constraints back this up.
 */
@Stateless
public class IssueDocuments {

    public static final int DEFAULT_REVISION_LIMIT = 50;
    public static final int MAX_REVISION_LIMIT = 200;

    /** FOR NO KEY UPDATE: waits for other document writers, not for inserts that merely reference the issue. */
    private static final String LOCK_ISSUE = "select id from issues where id = cast(?1 as uuid) for no key update";

    /** The answer of a write: the document and whether the key was new (201) or not (200). */
    public record Written(KeyedDocument document, boolean created) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Issues issues;

    @Inject
    IssueAccess access;

    @Inject
    ActivityLog activity;

    /** The issue's documents, ordered by key. */
    public List<KeyedDocument> list(Actor actor, String issueRef) {
        Issue issue = issues.find(actor, issueRef);
        return em.createNamedQuery(IssueDocument.OF_ISSUE, Object[].class)
                .setParameter("issueId", issue.getId())
                .getResultStream()
                .map(row -> keyed((IssueDocument) row[0], (Document) row[1]))
                .toList();
    }

    public KeyedDocument find(Actor actor, String issueRef, String key) {
        Issue issue = issues.find(actor, issueRef);
        IssueDocument link = existing(issue.getId(), IssueDocument.requireKey(key));
        return keyed(link, em.find(Document.class, link.getDocumentId()));
    }

    /** The revisions, newest first, at most {@code limit}. */
    public DocumentHistory revisions(Actor actor, String issueRef, String key, int limit) {
        if (limit < 1 || limit > MAX_REVISION_LIMIT) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_REVISION_LIMIT, "invalid_limit");
        }
        Issue issue = issues.find(actor, issueRef);
        IssueDocument link = existing(issue.getId(), IssueDocument.requireKey(key));
        return new DocumentHistory(issue.getId(), link.getKey(),
                em.createNamedQuery(DocumentRevision.OF_DOCUMENT_NEWEST_FIRST, DocumentRevision.class)
                        .setParameter("documentId", link.getDocumentId())
                        .setMaxResults(limit)
                        .getResultList());
    }

    /**
     * Creates the key (no {@code baseRevisionId}) or appends a revision to it ({@code baseRevisionId}
     * = its latest revision). The base must be the document's current latest revision — null when
     * the key does not exist — otherwise 409 with {@code {key, currentRevisionId}}.
     */
    public Written put(Actor actor, String issueRef, String key, DocumentDraft draft) {
        IssueDocument.requireKey(key);
        DocumentFormat format = WireEnum.parse(DocumentFormat.class, "format", draft.format());
        Document.check(draft.title(), draft.body(), draft.changeSummary());
        Issue issue = lockedForWrite(actor, issueRef);
        IssueDocument link = em.createNamedQuery(IssueDocument.BY_KEY, IssueDocument.class)
                .setParameter("issueId", issue.getId()).setParameter("key", key)
                .getResultStream().findFirst().orElse(null);
        Document document = link == null ? null : em.find(Document.class, link.getDocumentId());
        UUID current = document == null ? null : document.getLatestRevisionId();
        if (!Objects.equals(draft.baseRevisionId(), current)) {
            throw stale(key, draft.baseRevisionId(), current);
        }
        boolean created = document == null;
        if (created) {
            document = new Document(issue.getCompanyId(), actor.agentId(), actor.userId());
            DocumentRevision first = document.revise(draft.title(), format, draft.body(), draft.changeSummary(),
                    actor.agentId(), actor.userId());
            em.persist(document);
            em.flush(); // the revision and the link reference the document row
            em.persist(first);
            link = new IssueDocument(issue.getId(), key, document);
            em.persist(link);
        } else {
            em.persist(document.revise(draft.title(), format, draft.body(), draft.changeSummary(),
                    actor.agentId(), actor.userId()));
        }
        em.flush();
        activity.record(actor, issue.getCompanyId(), created ? "issue.document_created" : "issue.document_updated",
                "issue", issue.getId(), details(key, document));
        return new Written(keyed(link, document), created);
    }

    /** Removes the document with all its revisions; answers it as it was. */
    public KeyedDocument delete(Actor actor, String issueRef, String key) {
        IssueDocument.requireKey(key);
        Issue issue = lockedForWrite(actor, issueRef);
        IssueDocument link = existing(issue.getId(), key);
        Document document = em.find(Document.class, link.getDocumentId());
        KeyedDocument deleted = keyed(link, document);
        em.remove(link);
        em.flush();
        em.remove(document); // its revisions go with it (on delete cascade)
        em.flush();
        activity.record(actor, issue.getCompanyId(), "issue.document_deleted", "issue", issue.getId(),
                details(key, document));
        return deleted;
    }

    private Issue lockedForWrite(Actor actor, String issueRef) {
        Issue issue = issues.find(actor, issueRef);
        access.requireWrite(actor, issue);
        em.createNativeQuery(LOCK_ISSUE).setParameter(1, issue.getId().toString()).getResultList();
        return issue;
    }

    private IssueDocument existing(UUID issueId, String key) {
        return em.createNamedQuery(IssueDocument.BY_KEY, IssueDocument.class)
                .setParameter("issueId", issueId).setParameter("key", key)
                .getResultStream().findFirst()
                .orElseThrow(() -> NotFoundException.of("Document", key));
    }

    private static ConflictException stale(String key, UUID base, UUID current) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("key", key);
        details.put("currentRevisionId", current == null ? null : current.toString());
        details.put("baseRevisionId", base == null ? null : base.toString());
        String message = current == null ? "Document " + key + " does not exist; create it without baseRevisionId"
                : base == null ? "Document " + key + " already exists; send its latest revision as baseRevisionId"
                : "Document " + key + " was changed since revision " + base + "; reload it and try again";
        return new ConflictException(message, details);
    }

    private static Map<String, Object> details(String key, Document document) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("key", key);
        details.put("documentId", document.getId().toString());
        details.put("revisionNumber", document.getLatestRevisionNumber());
        return details;
    }

    private static KeyedDocument keyed(IssueDocument link, Document document) {
        return new KeyedDocument(link.getIssueId(), link.getKey(), document);
    }
}
