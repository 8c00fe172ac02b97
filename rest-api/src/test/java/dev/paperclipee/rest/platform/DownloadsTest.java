package dev.paperclipee.rest.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6266 Content-Disposition for downloads: always an attachment, never a header injection. */
class DownloadsTest {

    @Test
    void plainNames() {
        assertEquals("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
                Downloads.contentDisposition("report.pdf"));
        assertEquals("attachment; filename=\"attachment\"; filename*=UTF-8''attachment", Downloads.contentDisposition(null));
        assertEquals("attachment; filename=\"attachment\"; filename*=UTF-8''attachment", Downloads.contentDisposition(""));
    }

    @Test
    void nonAsciiIsPercentEncodedWithAnAsciiFallback() {
        assertEquals("attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt",
                Downloads.contentDisposition("日本.txt"));
        assertEquals("attachment; filename=\"_.png\"; filename*=UTF-8''%F0%9F%98%80.png",
                Downloads.contentDisposition("\uD83D\uDE00.png"));
    }

    @Test
    void quotesBackslashesPercentSignsAndLineBreaksCannotEscapeTheHeader() {
        String header = Downloads.contentDisposition("a\"b\\c%d\r\nSet-Cookie: x=1;.html");
        assertEquals("attachment; filename=\"a_b_c_d__Set-Cookie: x=1;.html\"; "
                + "filename*=UTF-8''a%22b%5Cc%25d%0D%0ASet-Cookie%3A%20x%3D1%3B.html", header);
        assertTrue(header.chars().allMatch(c -> c >= 0x20 && c < 0x7f), header);
    }
}
