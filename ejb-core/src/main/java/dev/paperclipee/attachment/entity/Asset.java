package dev.paperclipee.attachment.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Timestamped;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored object's metadata (spec §7.14); the bytes live with the provider under
 * {@code objectKey}. The client's file name and content type are kept as metadata only: the
 * name never becomes part of a path, and the type is normalized to {@code type/subtype}
 * (plus a {@code charset}) or {@code application/octet-stream} when it is not a media type.
 */
@Entity
@Table(name = "assets")
public class Asset extends Timestamped {

    public static final int MAX_FILENAME = 255;
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile("\\s*(" + TOKEN + ")/(" + TOKEN + ")\\s*(;.*)?", Pattern.DOTALL);
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([A-Za-z0-9._:+-]{1,40})\"?\\s*(;|$)",
            Pattern.CASE_INSENSITIVE);

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(nullable = false, updatable = false)
    @Enumerated(EnumType.STRING)
    private StorageProvider provider;

    @Column(name = "object_key", nullable = false, updatable = false)
    private String objectKey;

    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;

    @Column(name = "byte_size", nullable = false, updatable = false)
    private int byteSize;

    @Column(nullable = false, updatable = false)
    private String sha256;

    @Column(name = "original_filename", updatable = false)
    private String originalFilename;

    @Column(name = "created_by_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByAgentId;

    @Column(name = "created_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByUserId;

    protected Asset() {
        // JPA
    }

    /**
     * @param originalFilename as the client named the file (null or empty: none); at most
     *                         {@value #MAX_FILENAME} characters, no NUL, no lone surrogates (400)
     * @param contentType      as the client declared it; normalized
     */
    public Asset(UUID companyId, String objectKey, long byteSize, String sha256, String originalFilename,
                 String contentType, UUID agentId, UUID userId) {
        if (byteSize < 0 || byteSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("byte size out of range: " + byteSize);
        }
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.provider = StorageProvider.local_disk;
        this.objectKey = objectKey;
        this.byteSize = (int) byteSize;
        this.sha256 = sha256;
        this.originalFilename = filename(originalFilename);
        this.contentType = mediaType(contentType);
        this.createdByAgentId = agentId;
        this.createdByUserId = agentId == null ? userId : null;
    }

    static String filename(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        Text.optional("originalFilename", name, MAX_FILENAME);
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("originalFilename", "must not contain control characters", "invalid_string");
        }
        return name;
    }

    /** {@code type/subtype[; charset=x]} in lower case, or {@value #OCTET_STREAM} for anything that is not a media type. */
    public static String mediaType(String declared) {
        if (declared == null || declared.length() > 200) {
            return OCTET_STREAM;
        }
        Matcher m = MEDIA_TYPE.matcher(declared);
        if (!m.matches()) {
            return OCTET_STREAM;
        }
        String type = (m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT);
        if (type.startsWith("*/") || type.endsWith("/*")) {
            return OCTET_STREAM;
        }
        if (m.group(3) != null) {
            Matcher charset = CHARSET.matcher(m.group(3));
            if (charset.find()) {
                return type + "; charset=" + charset.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return type;
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public StorageProvider getProvider() { return provider; }
    public String getObjectKey() { return objectKey; }
    public String getContentType() { return contentType; }
    public int getByteSize() { return byteSize; }
    public String getSha256() { return sha256; }
    public String getOriginalFilename() { return originalFilename; }
    public UUID getCreatedByAgentId() { return createdByAgentId; }
    public UUID getCreatedByUserId() { return createdByUserId; }
}
