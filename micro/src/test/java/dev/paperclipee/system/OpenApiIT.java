package dev.paperclipee.system;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /openapi} of the running jar (MicroProfile OpenAPI, finished by the API's
 * {@code OpenApiDocument} filter): YAML by default, JSON on request, every resource method of
 * the API listed under its {@code /api} path, unique operation ids, and request and response
 * schemas that are the records the resources really take and answer. The routes it expects are
 * read from the resource classes, so a new route is covered without touching this test.
 */
class OpenApiIT {

    private static final String RESOURCE_PACKAGE = "dev/paperclipee/rest";

    static Api api;
    static Map<String, Object> yaml;
    static JsonObject json;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void fetchTheDocument() {
        api = Api.ofSharedApp();
        Api.Reply reply = api.get("/openapi");
        assertEquals(200, reply.status(), reply::toString);
        yaml = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(reply.body());
        Api.Reply asJson = api.get("/openapi", Map.of("Accept", "application/json"));
        assertEquals(200, asJson.status(), asJson::toString);
        assertTrue(asJson.header("Content-Type").orElse("").startsWith("application/json"), asJson::toString);
        json = asJson.object();
    }

    @Test
    void yamlByDefaultJsonOnRequestAndBothTheSameDocument() {
        assertTrue(String.valueOf(yaml.get("openapi")).startsWith("3."), yaml::toString);
        assertTrue(json.getString("openapi").startsWith("3."));
        assertEquals(yaml.keySet(), json.keySet());
        assertEquals(((Map<?, ?>) yaml.get("paths")).keySet(), json.getJsonObject("paths").keySet());
        Api.Reply format = api.get("/openapi?format=JSON");
        assertEquals(200, format.status(), format::toString);
        assertEquals(json.getJsonObject("paths").keySet(), format.object().getJsonObject("paths").keySet());
    }

    @Test
    void theApiIsNamedWithTheBuildVersionAndServedFromThisHost() {
        JsonObject info = json.getJsonObject("info");
        assertEquals("Paperclip EE", info.getString("title"));
        assertEquals(api.get("/api/health").object().getString("version"), info.getString("version"));
        assertEquals(List.of("/"), json.getJsonArray("servers").stream()
                .map(s -> s.asJsonObject().getString("url")).toList(), "paths are absolute from the host root");
    }

    @Test
    void everyResourceMethodIsListedUnderItsApiPathAndNothingElse() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Route route : routes()) {
            expected.add(route.method() + " " + route.path());
        }
        assertTrue(expected.containsAll(Set.of("GET /api/companies", "POST /api/companies/{companyId}/goals",
                "GET /api/health", "GET /api/companies/{companyId}/activity", "DELETE /api/goals/{goalId}")), expected::toString);

        Set<String> documented = new TreeSet<>();
        JsonObject paths = json.getJsonObject("paths");
        paths.forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(key))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        assertEquals(expected, documented);
        assertTrue(paths.containsKey("/api/companies") && paths.containsKey("/api/companies/{companyId}/goals")
                && paths.containsKey("/api/health"), paths.keySet()::toString);
    }

    @Test
    void operationIdsAreUnique() {
        List<String> ids = new ArrayList<>();
        json.getJsonObject("paths").values().forEach(item -> item.asJsonObject().values().stream()
                .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT && v.asJsonObject().containsKey("operationId"))
                .forEach(op -> ids.add(op.asJsonObject().getString("operationId"))));
        assertFalse(ids.isEmpty());
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "duplicates in " + ids);
    }

    /**
     * Each request body and each record answer is documented by the schema of exactly that record:
     * schemas are named by simple class name, so two {@code Create} records would share one.
     */
    @Test
    void requestAndResponseSchemasAreTheRecordsTheResourcesUse() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Route route : routes()) {
            JsonObject operation = json.getJsonObject("paths").getJsonObject(route.path())
                    .getJsonObject(route.method().toLowerCase());
            Class<?> body = bodyType(route.javaMethod());
            if (body != null && body.isRecord()) {
                JsonObject schema = operation.getJsonObject("requestBody").getJsonObject("content")
                        .getJsonObject("application/json").getJsonObject("schema");
                assertEquals(componentNames(body), properties(schema), route + " request body");
                checked.add(route + " ← " + body.getSimpleName());
            }
            Type answer = route.javaMethod().getGenericReturnType();
            Class<?> record = answer instanceof Class<?> c && c.isRecord() ? c
                    : answer instanceof ParameterizedType p && Collection.class.isAssignableFrom((Class<?>) p.getRawType())
                    && p.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord() ? item : null;
            if (record != null) {
                JsonObject response = operation.getJsonObject("responses").values().iterator().next().asJsonObject();
                JsonObject schema = response.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
                if (record != answer) {
                    assertEquals("array", schema.getString("type"), route::toString);
                    schema = schema.getJsonObject("items");
                }
                assertEquals(componentNames(record), properties(schema), route + " answer");
                checked.add(route + " → " + record.getSimpleName());
            }
        }
        assertTrue(checked.size() >= 10, checked::toString);
    }

    // ---- the routes, read from the resource classes ---------------------------------------------

    record Route(String method, String path, Method javaMethod) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every resource method of the rest-api classes: HTTP method and {@code /api/...} path template. */
    static List<Route> routes() throws Exception {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : restClasses()) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String http = httpMethod(m);
                if (http == null) {
                    continue;
                }
                Path methodPath = m.getAnnotation(Path.class);
                String path = "/api/" + classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
                routes.add(new Route(http, normalise(path), m));
            }
        }
        assertFalse(routes.isEmpty(), "no resource methods found");
        return routes;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code //} → {@code /}, no trailing slash, {@code {id: [0-9]+}} → {@code {id}}. */
    private static String normalise(String path) {
        String p = path.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The classes under dev.paperclipee.rest, from the rest-api classes jar (or directory) on the test classpath. */
    private static List<Class<?>> restClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> names = new ArrayList<>();
        Enumeration<URL> roots = OpenApiIT.class.getClassLoader().getResources(RESOURCE_PACKAGE);
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            if (root.getProtocol().equals("jar")) {
                URL jarFile = ((JarURLConnection) root.openConnection()).getJarFileURL();
                try (JarFile jar = new JarFile(Paths.get(jarFile.toURI()).toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(RESOURCE_PACKAGE) && n.endsWith(".class"))
                            .forEach(names::add);
                }
            } else {
                java.nio.file.Path dir = Paths.get(root.toURI());
                java.nio.file.Path base = dir;
                for (int i = 0; i < RESOURCE_PACKAGE.split("/").length; i++) {
                    base = base.getParent();
                }
                java.nio.file.Path classesRoot = base;
                try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                    files.map(f -> classesRoot.relativize(f).toString().replace('\\', '/'))
                            .filter(n -> n.endsWith(".class")).forEach(names::add);
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            classes.add(Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                    OpenApiIT.class.getClassLoader()));
        }
        return classes;
    }

    /** The entity parameter: the one without a JAX-RS parameter annotation. */
    private static Class<?> bodyType(Method m) {
        for (java.lang.reflect.Parameter p : m.getParameters()) {
            boolean bound = Arrays.stream(p.getAnnotations()).anyMatch(a -> a.annotationType().getPackageName().equals("jakarta.ws.rs")
                    || a.annotationType() == Context.class);
            if (!bound) {
                return p.getType();
            }
        }
        return null;
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> properties(JsonObject schema) {
        JsonObject resolved = schema;
        if (schema.containsKey("$ref")) {
            String ref = schema.getString("$ref");
            assertTrue(ref.startsWith("#/components/schemas/"), ref);
            resolved = json.getJsonObject("components").getJsonObject("schemas").getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
            assertNotNull(resolved, ref);
        }
        return new TreeSet<>(resolved.getJsonObject("properties").keySet());
    }
}
