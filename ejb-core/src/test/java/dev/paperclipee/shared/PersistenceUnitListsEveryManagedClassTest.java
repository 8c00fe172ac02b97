package dev.paperclipee.shared;

import dev.paperclipee.company.entity.Company;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code persistence.xml} lists every managed class of ejb-core, and nothing else. WildFly gives
 * the bundled EclipseLink a {@code vfs:} root URL it cannot scan, so there an unlisted entity does
 * not exist (found by the EAR smoke test: "NamedQuery of name: Company.all not found").
 */
class PersistenceUnitListsEveryManagedClassTest {

    @Test
    void everyAnnotatedClassIsListedAndEveryListedClassIsAnnotated() throws Exception {
        assertEquals(annotatedClasses(), listedClasses());
    }

    private static Set<String> listedClasses() throws Exception {
        Set<String> listed = new TreeSet<>();
        try (InputStream in = Company.class.getClassLoader().getResourceAsStream("META-INF/persistence.xml")) {
            assertNotNull(in, "META-INF/persistence.xml on the class path");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document xml = factory.newDocumentBuilder().parse(in);
            NodeList classes = xml.getElementsByTagNameNS("https://jakarta.ee/xml/ns/persistence", "class");
            for (int i = 0; i < classes.getLength(); i++) {
                listed.add(classes.item(i).getTextContent().trim());
            }
        }
        return listed;
    }

    private static Set<String> annotatedClasses() throws Exception {
        Path root = Path.of(Company.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> annotated = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString();
                String name = relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name, false, Company.class.getClassLoader());
                if (type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(Embeddable.class)
                        || type.isAnnotationPresent(MappedSuperclass.class) || type.isAnnotationPresent(Converter.class)) {
                    annotated.add(name);
                }
            }
        }
        return annotated;
    }
}
