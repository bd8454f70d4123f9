package de.fachplan.api.common.cache;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * The bytes of a kept representation, in the form the HTTP layer sends: one buffer that every hit
 * writes as it is. Handing the writer a {@code byte[]} would copy the whole body into a new buffer
 * on every hit, which at thousands of hits a second is most of what the garbage collector does.
 */
public final class RenderedBody {

    private final Buffer buffer;
    private final int length;

    RenderedBody(byte[] bytes) {
        // Unreleasable: the network layer releases what it wrote, and this buffer is written again.
        this.buffer = Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes)));
        this.length = bytes.length;
    }

    Buffer buffer() {
        return buffer;
    }

    int length() {
        return length;
    }
}
