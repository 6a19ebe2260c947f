package org.jeventstore.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonGeneratorImpl;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One thread's JSON generator and buffer, kept to write one value after another. {@code writeValueAsBytes} makes
 * a generator, its context and its buffer for every value: for a small event that is two thirds of what it
 * allocates (about 360 of 536 bytes) and 30 % of its time. A generator writing value after value into one buffer,
 * with no separator between root values, writes each value's bytes exactly as {@code writeValueAsBytes} would.
 *
 * <p>Only for a mapper of plain JSON text without a pretty printer (see {@link #supports}): other formats (Smile,
 * CBOR) write a header once per generator, a pretty printer a separator between root values. A value
 * that fails part way (exception or error) leaves the generator inside it, one that leaves an array open closes it,
 * and a large one leaves a large buffer: in each case the caller drops this output and takes a new one.
 */
final class ReusableJsonOutput {

    /** Above this, the buffer is not kept for the thread's next values. */
    static final int LARGEST_KEPT = 64 * 1024;

    private final ObjectMapper mapper;
    private final ByteArrayBuilder buffer;
    private final JsonGenerator generator;
    /** Set while a value is written, so that a serializer writing a value from inside another gets its own. */
    private boolean busy;

    private ReusableJsonOutput(ObjectMapper mapper, ByteArrayBuilder buffer, JsonGenerator generator) {
        this.mapper = mapper;
        this.buffer = buffer;
        this.generator = generator;
    }

    /**
     * Whether values of {@code mapper} can be written one after another this way: plain JSON text, no pretty printer
     * (which writes a separator between root values), and two values written so equal to {@code writeValueAsBytes}.
     */
    static boolean supports(ObjectMapper mapper) {
        if (!"JSON".equals(mapper.getFactory().getFormatName()) || mapper.isEnabled(SerializationFeature.INDENT_OUTPUT)) {
            return false;
        }
        ReusableJsonOutput output = of(mapper);
        if (output == null) {
            return false;
        }
        try {
            for (Object probe : new Object[] {Map.of("probe", 1), List.of("probe", 2.5)}) {
                if (!Arrays.equals(mapper.writeValueAsBytes(probe), output.write(probe))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            try {
                // Gives the generator's buffer back to Jackson's pool.
                output.generator.close();
            } catch (IOException e) {
                // Nothing is written to a closed buffer: there is nothing to lose.
            }
        }
    }

    /** An output for {@code mapper}, which {@link #supports} (or null if its generator is not JSON text). */
    static ReusableJsonOutput of(ObjectMapper mapper) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(512);
        try {
            JsonGenerator generator = mapper.createGenerator(buffer, JsonEncoding.UTF8);
            if (!(generator instanceof JsonGeneratorImpl text)) {
                generator.close();
                return null;
            }
            text.setRootValueSeparator(null);
            return new ReusableJsonOutput(mapper, buffer, generator);
        } catch (IOException e) {
            return null;
        }
    }

    boolean busy() {
        return busy;
    }

    /**
     * The bytes of {@code value}, as {@code writeValueAsBytes} writes them. After anything thrown, or once {@link
     * #reusable()} is false, the caller drops this output.
     */
    byte[] write(Object value) throws IOException {
        busy = true;
        try {
            mapper.writeValue(generator, value);
            if (generator.getOutputContext().inRoot()) {
                generator.flush();
            } else {
                // A serializer left an array or object open: writeValueAsBytes closes the generator, which closes
                // them (JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT), so this does too, and is done.
                generator.close();
            }
            return buffer.toByteArray();
        } finally {
            buffer.reset();
            busy = false;
        }
    }

    /** Whether this output can write another value: not after a value that it had to close. */
    boolean reusable() {
        return !generator.isClosed();
    }

    /** Whether this output writes for {@code mapper}. */
    boolean writesFor(ObjectMapper mapper) {
        return this.mapper == mapper;
    }
}
