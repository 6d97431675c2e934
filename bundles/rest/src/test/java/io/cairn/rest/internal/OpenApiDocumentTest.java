package io.cairn.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the hand-maintained openapi.json in step with the JAX-RS resources: every annotated
 * operation must be documented with the same path, method and path parameters, and the document
 * must list nothing that does not exist.
 */
class OpenApiDocumentTest {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(?::[^}]*)?}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<Class<? extends Annotation>> HTTP = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, HEAD.class, OPTIONS.class, PATCH.class);

    private final JsonNode doc = readDocument();

    /** "METHOD /path" of every operation of the resource classes, with its path parameter names. */
    static Map<String, Set<String>> operationsInCode(List<Class<?>> resources) {
        Map<String, Set<String>> operations = new TreeMap<>();
        for (Class<?> resource : resources) {
            Path classPath = resource.getAnnotation(Path.class);
            assertNotNull(classPath, resource + " has no @Path");
            for (Method method : resource.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    assertFalse(method.isAnnotationPresent(Path.class),
                            method + " has @Path but no HTTP method: sub-resource locators are not documented yet");
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = normalize(classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()));
                Set<String> params = new TreeSet<>();
                for (Parameter parameter : method.getParameters()) {
                    PathParam param = parameter.getAnnotation(PathParam.class);
                    if (param != null) {
                        params.add(param.value());
                    }
                }
                assertEquals(templateNames(path), params, method + ": @PathParams must match the template " + path);
                String key = http + " " + path;
                assertTrue(operations.put(key, params) == null, "two methods answer " + key);
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    static String normalize(String path) {
        Matcher m = TEMPLATE.matcher(path.replaceAll("/+", "/"));
        String plain = m.replaceAll("{$1}");
        if (plain.length() > 1 && plain.endsWith("/")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        return plain.startsWith("/") ? plain : "/" + plain;
    }

    static Set<String> templateNames(String path) {
        Set<String> names = new TreeSet<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** "METHOD /path" of every operation in the document, with its declared path parameters. */
    Map<String, Set<String>> operationsInDocument() {
        Map<String, Set<String>> operations = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Set<String> shared = parameterNames(path.getValue().get("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters") || op.getKey().equals("summary")
                        || op.getKey().equals("description") || op.getKey().equals("servers")) {
                    continue;
                }
                assertTrue(METHODS.contains(op.getKey()), "unknown key " + op.getKey() + " under " + path.getKey());
                Set<String> params = new TreeSet<>(shared);
                params.addAll(parameterNames(op.getValue().get("parameters")));
                operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), params);
            }
        }
        return operations;
    }

    private Set<String> parameterNames(JsonNode parameters) {
        Set<String> names = new TreeSet<>();
        if (parameters != null) {
            for (JsonNode parameter : parameters) {
                JsonNode resolved = resolve(parameter);
                if ("path".equals(resolved.path("in").asText())) {
                    assertTrue(resolved.path("required").asBoolean(), "path parameters must be required: " + resolved);
                    names.add(resolved.get("name").asText());
                }
            }
        }
        return names;
    }

    @Test
    void everyResourceOperationIsDocumentedAndNothingElse() {
        Map<String, Set<String>> code = operationsInCode(RestServer.RESOURCE_CLASSES);
        Map<String, Set<String>> documented = operationsInDocument();
        Set<String> undocumented = new TreeSet<>(code.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> phantom = new TreeSet<>(documented.keySet());
        phantom.removeAll(code.keySet());
        assertTrue(undocumented.isEmpty(), "operations missing from openapi.json: " + undocumented);
        assertTrue(phantom.isEmpty(), "openapi.json documents operations that do not exist: " + phantom);
        assertEquals(code, documented, "path parameters differ between code and openapi.json");
    }

    @Test
    void everyResourceClassInTheBundleIsPublished() throws IOException, URISyntaxException {
        java.nio.file.Path classes = Paths.get(RestServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.nio.file.Path dir = classes.resolve(RestServer.class.getPackageName().replace('.', '/'));
        Set<String> annotated;
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            annotated = files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .map(OpenApiDocumentTest::load)
                    .filter(c -> c.isAnnotationPresent(Path.class))
                    .map(Class::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> published = RestServer.RESOURCE_CLASSES.stream().map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(annotated, published, "every @Path class must be in RestServer.RESOURCE_CLASSES");
    }

    @Test
    void aNewUndocumentedMethodIsCaught() {
        Map<String, Set<String>> code = operationsInCode(List.of(VmsResource.class, Extra.class));
        assertTrue(code.containsKey("POST /vms/{name}/migrate"));
        assertFalse(operationsInDocument().containsKey("POST /vms/{name}/migrate"));
    }

    @Path("vms/")
    static class Extra {
        @POST
        @Path("{name : [a-z0-9-]+}/migrate/")
        public void migrate(@PathParam("name") String name) {
        }
    }

    @Test
    void documentIsOpenApi30WithResolvableReferences() {
        assertTrue(doc.get("openapi").asText().startsWith("3.0."));
        assertTrue(doc.path("info").has("title") && doc.path("info").has("version"));
        assertEquals("/cairn/v1", doc.get("servers").get(0).get("url").asText());
        assertEquals("basic", doc.at("/components/securitySchemes/basic/scheme").asText());
        for (String schema : List.of("VmSpec", "NicSpec", "BootSpec", "VmDetails", "Vm", "VmStatus", "Ownership", "Task",
                "NodeInfo", "ApiError")) {
            assertTrue(doc.at("/components/schemas/" + schema).isObject(), "schema " + schema);
        }
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), "unresolvable $ref " + ref);
        }
    }

    @Test
    void everyOperationDocumentsItsStatusCodes() {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey() + " " + path.getKey();
                JsonNode responses = op.getValue().get("responses");
                assertNotNull(responses, where);
                assertTrue(op.getValue().hasNonNull("operationId"), where);
                assertTrue(responses.has("401"), where + " must document 401");
                if (!path.getKey().contains("{")) {
                    continue;
                }
                assertTrue(responses.has("404"), where + " must document 404");
            }
        }
        JsonNode create = doc.at("/paths/~1vms/post/responses");
        for (String status : List.of("201", "400", "401", "409", "415", "422", "503")) {
            assertTrue(create.has(status), "POST /vms must document " + status);
        }
        for (String path : List.of("/vms/{name}/start", "/vms/{name}/stop", "/vms/{name}/reboot", "/vms/{name}/destroy")) {
            JsonNode responses = doc.get("paths").get(path).get("post").get("responses");
            assertTrue(responses.has("202") && responses.has("409"), path);
        }
        assertTrue(doc.at("/paths/~1vms~1{name}/delete/responses").has("202"));
    }

    @Test
    void vmSpecSchemaMatchesTheRecord() {
        Set<String> documented = new TreeSet<>();
        doc.at("/components/schemas/VmSpec/properties").fieldNames().forEachRemaining(documented::add);
        Set<String> record = Stream.of(io.cairn.api.compute.VmSpec.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(record, documented);
        for (Class<?> type : List.of(io.cairn.api.compute.NicSpec.class, io.cairn.api.compute.BootSpec.class,
                io.cairn.api.compute.VmDetails.class, io.cairn.api.compute.Vm.class, io.cairn.api.compute.VmStatus.class,
                io.cairn.api.compute.Ownership.class, io.cairn.api.task.Task.class, io.cairn.api.node.NodeInfo.class,
                ApiError.class)) {
            Set<String> props = new TreeSet<>();
            doc.at("/components/schemas/" + type.getSimpleName() + "/properties").fieldNames().forEachRemaining(props::add);
            Set<String> components = Stream.of(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(components, props, type.getSimpleName());
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : doc.at(ref.asText().substring(1));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            fail(e);
            return null;
        }
    }

    private static JsonNode readDocument() {
        try {
            return new ObjectMapper().readTree(OpenApiResource.load());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
