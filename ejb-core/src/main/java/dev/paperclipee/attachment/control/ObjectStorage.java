package dev.paperclipee.attachment.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The application's object store: {@link LocalDiskStorage} under the {@link StorageDirectory},
 * tied to the JTA transaction that stores or deletes the rows describing an object — a file
 * published in a transaction that rolls back is removed again, and a file is deleted only once
 * the deletion of its rows has committed.
 */
@ApplicationScoped
public class ObjectStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    private LocalDiskStorage disk;

    @PostConstruct
    void open() {
        disk = new LocalDiskStorage(StorageDirectory.resolve(System::getProperty, System.getenv()));
        LOG.info(() -> "Attachments are stored in " + disk.root());
    }

    /** Outside any transaction: receiving a large file must not hold a database connection. */
    public StagedObject stage(UUID companyId, InputStream in, long maxBytes) throws IOException {
        return disk.stage(companyId, in, maxBytes);
    }

    public void discard(StagedObject staged) {
        disk.discard(staged);
    }

    /** In the transaction that inserts the object's rows, after they were flushed. */
    public void publishInTransaction(StagedObject staged) {
        transactions.registerInterposedSynchronization(disk.removeUnlessCommitted(staged.objectKey()));
        disk.publish(staged);
    }

    /** In the transaction that deletes the object's rows. */
    public void deleteAfterCommit(String objectKey) {
        transactions.registerInterposedSynchronization(disk.removeIfCommitted(objectKey));
    }

    public InputStream open(String objectKey) throws IOException {
        return disk.open(objectKey);
    }

    public boolean exists(String objectKey) {
        return disk.exists(objectKey);
    }
}
