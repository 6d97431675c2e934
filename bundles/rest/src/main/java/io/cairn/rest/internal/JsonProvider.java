package io.cairn.rest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;
import javax.ws.rs.ext.Provider;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * Strict JSON for the API: unknown fields, wrong types, fractions for integers and strings for
 * numbers are 400; values the records refuse are 422 with the record's own message.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
    private static final TypeFactory TYPES = TypeFactory.defaultInstance();
    private final ObjectMapper mapper = createMapper();

    public static ObjectMapper createMapper() {
        SimpleModule enums = new SimpleModule("cairn-enums");
        enums.addSerializer(Enum.class, new LowercaseEnumSerializer());
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(enums)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // nulls and absent values for primitives are checked in requirePresence: a missing
                // boolean is false, a missing number or any explicit null is a 400
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return !isRaw(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        JavaType javaType = mapper.constructType(genericType);
        try {
            JsonNode tree = mapper.readTree(entityStream);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw ApiException.badRequest("request body is empty or null; a JSON object is required");
            }
            requirePresence(tree, javaType, "");
            Object value = mapper.readerFor(javaType).readValue(tree);
            if (value == null) {
                throw ApiException.badRequest("request body is empty or null; a JSON object is required");
            }
            return value;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw ApiException.invalid(cause.getMessage() != null ? cause.getMessage()
                        : "a required value of " + e.getType().getRawClass().getSimpleName() + " is missing");
            }
            throw ApiException.badRequest(e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + fieldPath(e) + "'; known fields: "
                    + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            String field = fieldPath(e);
            throw ApiException.badRequest("mistyped JSON" + (field.isEmpty() ? "" : " at '" + field + "'")
                    + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /**
     * What Jackson would quietly default: numbers have no sensible default, so a record component
     * of a numeric primitive type that is absent is a 400; an explicit null for any primitive is a
     * 400; a null where a list holds objects is a 400. A boolean may be left out (false).
     */
    private static void requirePresence(JsonNode node, JavaType type, String path) {
        Class<?> raw = type.getRawClass();
        if (raw.isRecord() && node.isObject()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                String field = path.isEmpty() ? component.getName() : path + "." + component.getName();
                JsonNode value = node.get(component.getName());
                Class<?> ctype = component.getType();
                if (ctype.isPrimitive()) {
                    if (value == null && ctype != boolean.class) {
                        throw ApiException.badRequest("missing required field '" + field + "' (a number)");
                    }
                    if (value != null && value.isNull()) {
                        throw ApiException.badRequest("field '" + field + "' must not be null");
                    }
                }
                if (value != null) {
                    requirePresence(value, TYPES.constructType(component.getGenericType()), field);
                }
            }
        } else if (type.isCollectionLikeType() && node.isArray()) {
            JavaType content = type.getContentType();
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull() && content.getRawClass().isRecord()) {
                    throw ApiException.badRequest("'" + path + "[" + i + "]' must be a JSON object, was null");
                }
                requirePresence(node.get(i), content, path + "[" + i + "]");
            }
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** Raw bodies (documents served as bytes or streams) are left to CXF's own providers. */
    private static boolean isRaw(Class<?> type) {
        return type == byte[].class || InputStream.class.isAssignableFrom(type)
                || StreamingOutput.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)
                || File.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return !isRaw(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        mapper.writeValue(entityStream, value);
    }

    /** Enum values are lowercase on the wire ("up", "running"). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class LowercaseEnumSerializer extends StdSerializer<Enum> {
        private static final long serialVersionUID = 1L;

        LowercaseEnumSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }
}
