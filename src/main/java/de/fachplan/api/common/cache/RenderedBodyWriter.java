package de.fachplan.api.common.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.vertx.core.http.HttpServerResponse;

/** Writes a {@link RenderedBody} as it is kept, without copying it. */
@Provider
public class RenderedBodyWriter implements ServerMessageBodyWriter<RenderedBody> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return type == RenderedBody.class;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == RenderedBody.class;
    }

    @Override
    public void writeResponse(RenderedBody body, Type genericType, ServerRequestContext context) {
        // The response of the Vert.x layer; status and headers are already set on it.
        ((ServerHttpRequest) context.serverResponse()).unwrap(HttpServerResponse.class).end(body.buffer());
    }

    @Override
    public void writeTo(RenderedBody body, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        body.buffer().getByteBuf().getBytes(0, out, body.length());
    }
}
