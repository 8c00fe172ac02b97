package dev.paperclipee.heartbeat.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Copies a fake CLI script from the test resources into a directory and makes it executable. */
final class FakeCli {

    private FakeCli() {
    }

    static Path install(Path directory, String resource) throws IOException {
        Path script = directory.resolve(resource);
        try (InputStream in = FakeCli.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.copy(in, script);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
