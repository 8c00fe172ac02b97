package dev.paperclipee.document.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.attachment.boundary.AttachmentUpload;
import dev.paperclipee.attachment.boundary.IssueAttachments;
import dev.paperclipee.attachment.boundary.StoredAttachment;
import dev.paperclipee.attachment.boundary.UploadTarget;
import dev.paperclipee.attachment.control.StagedObject;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.testing.ApplicationDeployment;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue documents and attachments for agent actors (spec §9.2, §16; the REST layer has no agent
 * keys yet, so this is tested here, in the container), and the object store following the JTA
 * transaction: a rolled-back upload leaves no file, a rolled-back delete keeps it.
 */
@ExtendWith(ArquillianExtension.class)
class DocumentsAndAttachmentsIT {

    private static final Actor BOARD = Actor.localBoard();

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("documents-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Issues issues;

    @Inject
    IssueDocuments documents;

    @Inject
    IssueAttachments attachments;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction tx;

    @Test
    void agentsReadEveryDocumentOfTheirCompanyAndWriteOnlyWhereTheyMayChangeTheIssue() throws Exception {
        UUID own = company("Own");
        UUID other = company("Other");
        Actor a = agent(own);
        Actor b = agent(own);
        Actor stranger = agent(other);
        Issue open = issue(own, "Unassigned", null);
        Issue bs = issue(own, "B's work", b.agentId());
        String bsId = bs.getId().toString();
        KeyedDocument plan = documents.put(BOARD, bsId, "plan", draft("by the board", null)).document();
        UUID latest = plan.document().getLatestRevisionId();

        assertEquals("by the board", documents.find(a, bsId, "plan").document().getLatestBody());
        assertEquals(1, documents.list(a, bs.getIdentifier()).size());
        assertEquals(1, documents.revisions(a, bsId, "plan", 10).revisions().size());

        assertThrows(ForbiddenException.class, () -> documents.put(a, bsId, "plan", draft("hijack", latest)));
        assertThrows(ForbiddenException.class, () -> documents.put(a, bsId, "notes", draft("new", null)));
        assertThrows(ForbiddenException.class, () -> documents.delete(a, bsId, "plan"));

        KeyedDocument mine = documents.put(a, open.getId().toString(), "plan", draft("by a", null)).document();
        assertEquals(a.agentId(), mine.document().getCreatedByAgentId());
        assertNull(mine.document().getCreatedByUserId());
        KeyedDocument byB = documents.put(b, bsId, "plan", draft("by b", latest)).document();
        assertEquals(b.agentId(), byB.document().getUpdatedByAgentId());
        assertEquals(b.agentId(), documents.revisions(BOARD, bsId, "plan", 1).revisions().get(0).getCreatedByAgentId());

        assertThrows(NotFoundException.class, () -> documents.find(stranger, bsId, "plan"));
        assertThrows(NotFoundException.class, () -> documents.list(stranger, bsId));
        assertThrows(NotFoundException.class, () -> documents.revisions(stranger, bsId, "plan", 10));
        assertThrows(NotFoundException.class, () -> documents.put(stranger, bsId, "plan",
                draft("intrude", byB.document().getLatestRevisionId())));
        assertThrows(NotFoundException.class, () -> documents.delete(stranger, bsId, "plan"));

        assertEquals("by b", documents.find(BOARD, bsId, "plan").document().getLatestBody());
        assertEquals(2, documents.find(BOARD, bsId, "plan").document().getLatestRevisionNumber());
        assertEquals(1, documents.list(BOARD, bsId).size(), "the refused notes were not created");
        documents.delete(b, bsId, "plan");
        assertEquals(0, documents.list(BOARD, bsId).size());
    }

    @Test
    void agentsAttachToAnyIssueOfTheirCompanyAndDeleteTheirOwnUploadsOrWhereTheyMayChangeTheIssue() throws Exception {
        UUID own = company("Files");
        UUID other = company("Foreign Files");
        Actor a = agent(own);
        Actor b = agent(own);
        Actor stranger = agent(other);
        Issue bs = issue(own, "B's work", b.agentId());
        String bsId = bs.getId().toString();

        StoredAttachment byA = upload(a, own, bsId, "from a");
        StoredAttachment byBoard = upload(BOARD, own, bsId, "from the board");
        assertEquals(a.agentId(), byA.asset().getCreatedByAgentId());
        assertNull(byA.asset().getCreatedByUserId());
        assertEquals(2, attachments.list(a, bsId).size());
        try (InputStream in = attachments.content(b, byA.attachment().getId()).bytes()) {
            assertArrayEquals("from a".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }

        assertThrows(ForbiddenException.class, () -> attachments.target(stranger, own, bsId), "another company's route");
        assertThrows(NotFoundException.class, () -> attachments.target(stranger, other, bsId), "another company's issue");
        assertThrows(NotFoundException.class, () -> attachments.list(stranger, bsId));
        assertThrows(NotFoundException.class, () -> attachments.find(stranger, byA.attachment().getId()));
        assertThrows(NotFoundException.class, () -> attachments.content(stranger, byA.attachment().getId()));
        assertThrows(NotFoundException.class, () -> attachments.delete(stranger, byA.attachment().getId()));

        assertThrows(ForbiddenException.class, () -> attachments.delete(a, byBoard.attachment().getId()),
                "not a's upload, and a may not change b's issue");
        assertTrue(Files.exists(file(byBoard)));

        attachments.delete(a, byA.attachment().getId());
        attachments.delete(b, byBoard.attachment().getId());
        assertFalse(Files.exists(file(byA)));
        assertFalse(Files.exists(file(byBoard)));
        assertEquals(0, attachments.list(BOARD, bsId).size());
    }

    @Test
    void aRolledBackUploadLeavesNoFileAndARolledBackDeleteKeepsIt() throws Exception {
        UUID company = company("Transactions");
        String issueId = issue(company, "Rolled back", null).getId().toString();
        UploadTarget target = attachments.target(BOARD, company, issueId);

        StagedObject staged = attachments.receive(target, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Path file = storageRoot().resolve(staged.objectKey());
        tx.begin();
        StoredAttachment undone;
        try {
            undone = attachments.add(BOARD, target, staged, new AttachmentUpload("undone.bin", null, null));
            assertTrue(Files.exists(file), "published inside the transaction");
        } finally {
            tx.rollback();
        }
        attachments.discard(staged);
        assertFalse(Files.exists(file), "the rollback removed the file");
        assertFalse(Files.exists(staged.temporary()));
        assertThrows(NotFoundException.class, () -> attachments.find(BOARD, undone.attachment().getId()));

        StoredAttachment kept = upload(BOARD, company, issueId, "keep me");
        tx.begin();
        try {
            attachments.delete(BOARD, kept.attachment().getId());
            assertTrue(Files.exists(file(kept)), "a file goes only after the commit");
        } finally {
            tx.rollback();
        }
        assertTrue(Files.exists(file(kept)), "the delete was rolled back: the file stays");
        assertEquals(kept.asset().getSha256(), attachments.find(BOARD, kept.attachment().getId()).asset().getSha256());

        attachments.delete(BOARD, kept.attachment().getId());
        assertFalse(Files.exists(file(kept)));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private StoredAttachment upload(Actor actor, UUID company, String issueRef, String text) throws Exception {
        UploadTarget target = attachments.target(actor, company, issueRef);
        StagedObject staged = attachments.receive(target, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            StoredAttachment stored = attachments.add(actor, target, staged, new AttachmentUpload("a.txt", "text/plain", null));
            assertTrue(Files.exists(file(stored)));
            return stored;
        } finally {
            attachments.discard(staged);
        }
    }

    private static Path storageRoot() {
        return Path.of(System.getProperty("paperclip.storage.dir"));
    }

    private static Path file(StoredAttachment stored) {
        return storageRoot().resolve(stored.asset().getObjectKey());
    }

    private static DocumentDraft draft(String body, UUID base) {
        return new DocumentDraft(null, null, body, base, null);
    }

    private UUID company(String name) {
        return companies.create(BOARD, new CompanyDraft(name + " " + UUID.randomUUID(), null, null, null)).getId();
    }

    private Issue issue(UUID company, String title, UUID assignee) {
        return issues.create(BOARD, company, new IssueDraft(title, null, null, null, assignee, null, null, null, null, null));
    }

    /** An agent row (there is no agent boundary yet) and the actor for it. */
    private Actor agent(UUID company) throws Exception {
        try (Connection db = database.getConnection();
             PreparedStatement q = db.prepareStatement(
                     "insert into agents (company_id, name) values (?::uuid, ?) returning id::text")) {
            q.setString(1, company.toString());
            q.setString(2, "Agent " + UUID.randomUUID());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new Actor(ActorType.agent, rs.getString(1), company, null);
            }
        }
    }
}
