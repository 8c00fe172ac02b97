package dev.paperclipee.rest.platform;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finishes the OpenAPI document the server generates from the resources ({@code GET /openapi},
 * configured in {@code META-INF/microprofile-config.properties}).
 *
 * <ul>
 *   <li>Paths become absolute from the host root. The JAX-RS application is mapped in
 *       {@code web.xml} (at {@code /api/*} in the runnable jar, at {@code /*} of the {@code /api}
 *       web module in the EAR), which the generator does not see: it writes {@code /companies}
 *       and puts the module's context root, if any, into the server URL. Here the paths become
 *       {@code /api/companies} and the one server is {@code /}, the host the document came from:
 *       one document for both packagings, right behind a proxy too.</li>
 *   <li>Operation ids are unique, as OpenAPI requires: the generator uses the Java method name
 *       ({@code list}, {@code create}, …), so a name several resources share gets the path's
 *       words appended ({@code list} of {@code /api/companies/{companyId}/goals} →
 *       {@code listCompaniesGoals}).</li>
 *   <li>The API is named, with the build's version; each tag is listed once (several resource
 *       classes share one).</li>
 *   <li>Schemas lose the attributes Payara copies from the defaults of a {@code @Schema}
 *       annotation: {@code maxProperties: 0} would forbid every property of a request body.</li>
 * </ul>
 */
public class OpenApiDocument implements OASFilter {

    static final String API_ROOT = "/api";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        openApi.setInfo(OASFactory.createInfo()
                .title("Paperclip EE")
                .version(version())
                .description("The control plane for a company of AI agents. JSON in and out; errors are"
                        + " {\"error\": \"...\", \"details\": ...}. See docs/api.md."));
        openApi.setServers(List.of(OASFactory.createServer().url("/").description("this server")));
        if (openApi.getTags() != null) {
            Map<String, Tag> byName = new TreeMap<>();
            openApi.getTags().forEach(tag -> byName.putIfAbsent(tag.getName(), tag));
            openApi.setTags(new ArrayList<>(byName.values()));
        }
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new TreeMap<>();
        openApi.getPaths().getPathItems().forEach((path, item) -> items.put(underApi(path), item));
        uniqueOperationIds(items);
        Paths paths = OASFactory.createPaths();
        items.forEach(paths::addPathItem);
        openApi.setPaths(paths);
    }

    @Override
    public Schema filterSchema(Schema schema) {
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        return schema;
    }

    /** {@code /companies} → {@code /api/companies}; a path already under {@code /api} stays. */
    static String underApi(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (p.equals(API_ROOT) || p.startsWith(API_ROOT + "/")) {
            return p;
        }
        return p.equals("/") ? API_ROOT : API_ROOT + p;
    }

    static void uniqueOperationIds(Map<String, PathItem> items) {
        Map<String, Long> uses = items.values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .map(Operation::getOperationId)
                .filter(id -> id != null)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        Map<String, Integer> taken = new HashMap<>();
        items.forEach((path, item) -> item.getOperations().values().forEach(operation -> {
            String id = operation.getOperationId();
            if (id != null && uses.get(id) > 1) {
                String unique = id + words(path);
                int n = taken.merge(unique, 1, Integer::sum);
                operation.setOperationId(n == 1 ? unique : unique + n);
            }
        }));
    }

    /** The literal segments of a path after {@code /api}, capitalised: {@code /api/companies/{id}/goals} → {@code CompaniesGoals}. */
    static String words(String path) {
        return Arrays.stream(path.substring(API_ROOT.length()).split("/"))
                .filter(segment -> !segment.isEmpty() && !segment.startsWith("{"))
                .map(segment -> Arrays.stream(segment.split("[^A-Za-z0-9]+"))
                        .filter(word -> !word.isEmpty())
                        .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                        .collect(Collectors.joining()))
                .collect(Collectors.joining());
    }

    /** The build's version, as {@code GET /api/health} reports it. */
    static String version() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/dev/paperclipee/build.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
