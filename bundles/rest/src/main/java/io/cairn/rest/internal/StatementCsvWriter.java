package io.cairn.rest.internal;

import io.cairn.api.metering.Statement;

import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyWriter;
import javax.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Writes a {@link Statement} as its CSV ({@link Statement#toCsv()}) when the client asks for text/csv. */
@Provider
@Produces(UsageResource.CSV)
public class StatementCsvWriter implements MessageBodyWriter<Statement> {
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Statement.class.isAssignableFrom(type) && mediaType.isCompatible(MediaType.valueOf(UsageResource.CSV));
    }

    @Override
    public void writeTo(Statement statement, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws java.io.IOException {
        out.write(statement.toCsv().getBytes(StandardCharsets.UTF_8));
    }
}
