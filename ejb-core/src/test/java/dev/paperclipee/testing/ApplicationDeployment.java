package dev.paperclipee.testing;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The application as the container tests deploy it, packaged the way the runnable jar packages
 * it: ejb-core as a library of a WAR (its classes, {@code persistence.xml}, {@code beans.xml},
 * {@code build.properties}) next to its runtime libraries, the db jar with the migrations and
 * the Flyway jars. The build lists those libraries in {@code app-classpath.txt} (ejb-core's
 * runtime dependencies, so a new one is deployed without touching the tests).
 */
public final class ApplicationDeployment {

    private ApplicationDeployment() {
    }

    /** A WAR named {@code name} holding the whole of ejb-core and {@link Sql}; Arquillian adds the test class. */
    public static WebArchive war(String name) {
        JavaArchive ejbCore = ShrinkWrap.create(ExplodedImporter.class, "ejb-core.jar")
                .importDirectory(requiredPath("paperclip.test.app.classes").toFile())
                .as(JavaArchive.class);
        return ShrinkWrap.create(WebArchive.class, name)
                .addAsLibrary(ejbCore)
                .addAsLibraries(runtimeLibraries())
                .addClass(Sql.class)
                // the test class (in WEB-INF/classes) receives @Inject through the CDI enricher
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private static File[] runtimeLibraries() {
        Path list = requiredPath("paperclip.test.container.dir").resolve("app-classpath.txt");
        try {
            File[] jars = Arrays.stream(Files.readString(list).trim().split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank())
                    .map(File::new)
                    .toArray(File[]::new);
            if (Arrays.stream(jars).noneMatch(jar -> jar.getName().startsWith("flyway-core"))) {
                throw new IllegalStateException(list + " lists no flyway-core jar: " + Arrays.toString(jars));
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("run the container tests through Maven (mvn verify): " + list + " is missing", e);
        }
    }

    private static Path requiredPath(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the container tests through Maven");
        }
        return Path.of(value);
    }
}
