package dev.paperclipee.attachment.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec §7.14: what an asset keeps of what the client declared. */
class AssetTest {

    private static final UUID COMPANY = UUID.randomUUID();

    private static Asset asset(String filename, String contentType) {
        return new Asset(COMPANY, COMPANY + "/2026/01/" + UUID.randomUUID(), 3, "ab".repeat(32), filename, contentType,
                null, UUID.randomUUID());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text/plain|text/plain",
            "Image/PNG|image/png",
            "  application/pdf  |application/pdf",
            "text/plain; charset=UTF-8|text/plain; charset=utf-8",
            "text/html;charset=\"iso-8859-1\"; q=1|text/html; charset=iso-8859-1",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document|application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/plain; format=flowed|text/plain",
            "text|application/octet-stream",
            "text/|application/octet-stream",
            "/plain|application/octet-stream",
            "text/plain/extra|application/octet-stream",
            "te xt/plain|application/octet-stream",
            "*/*|application/octet-stream",
            "image/*|application/octet-stream",
            "text/plain; charset=\"a\"b\"|text/plain",
            "'<script>'|application/octet-stream",
    })
    void contentTypesAreNormalizedOrFallBackToOctetStream(String declared, String stored) {
        assertEquals(stored, Asset.mediaType(declared));
        assertEquals(stored, asset("f.txt", declared).getContentType());
    }

    @Test
    void noOrOverlongContentTypeIsOctetStream() {
        assertEquals(Asset.OCTET_STREAM, Asset.mediaType(null));
        assertEquals(Asset.OCTET_STREAM, Asset.mediaType(""));
        assertEquals(Asset.OCTET_STREAM, Asset.mediaType("text/" + "x".repeat(300)));
        assertEquals(Asset.OCTET_STREAM, Asset.mediaType("text/plain\u0000"));
        assertEquals(Asset.OCTET_STREAM, Asset.mediaType("text/plain\r\nX-Injected: 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "../../etc/passwd", "C:\\Users\\me\\a.txt", "日本語.txt", "emoji-\uD83D\uDE00.png",
            "a\"b.txt", "with space.md"})
    void filenamesAreKeptAsSent(String name) {
        assertEquals(name, asset(name, null).getOriginalFilename());
    }

    @Test
    void noOrEmptyFilenameIsNone() {
        assertNull(asset(null, null).getOriginalFilename());
        assertNull(asset("", null).getOriginalFilename());
    }

    @Test
    void filenamesUpTo255Characters() {
        assertEquals(255, asset("a".repeat(255), null).getOriginalFilename().length());
        assertThrows(InvalidInputException.class, () -> asset("a".repeat(256), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\uD800.txt", "x\uDC00", "line\nbreak", "tab\there", "bell\u0007", "del\u007f"})
    void filenamesWithNulControlsOrLoneSurrogatesAreRefused(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> asset(name, null));
        assertEquals("originalFilename", e.getMessage().substring(0, e.getMessage().indexOf(':')));
    }

    @Test
    void anAgentsUploadNamesTheAgentOnly() {
        UUID agent = UUID.randomUUID();
        Asset a = new Asset(COMPANY, COMPANY + "/2026/01/" + UUID.randomUUID(), 0, "00".repeat(32), null, null, agent,
                UUID.randomUUID());
        assertEquals(agent, a.getCreatedByAgentId());
        assertNull(a.getCreatedByUserId());
        assertEquals(StorageProvider.local_disk, a.getProvider());
    }
}
