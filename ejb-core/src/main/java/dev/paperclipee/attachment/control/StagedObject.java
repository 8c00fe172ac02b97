package dev.paperclipee.attachment.control;

import java.nio.file.Path;

/**
 * Bytes received and synced to disk under a temporary name, not yet visible under their object
 * key. Either {@link LocalDiskStorage#publish published} or {@link LocalDiskStorage#discard discarded}.
 *
 * @param objectKey where the bytes will live: {@code <companyId>/<yyyy>/<mm>/<uuid>}
 * @param temporary the file holding them until then (in the same directory as the final file)
 * @param byteSize  how many bytes were received
 * @param sha256    their SHA-256, lower-case hex
 */
public record StagedObject(String objectKey, Path temporary, long byteSize, String sha256) {
}
