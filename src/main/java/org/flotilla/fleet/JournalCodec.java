package org.flotilla.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The one translation between {@link JournalEvent}s and the journal's lines, both ways. */
public final class JournalCodec {
    /** One line of a journal: when it was written, and what it says. */
    public record Entry(Instant t, JournalEvent event) {
    }

    private static final ObjectMapper JSON = mapper();
    private static final Map<String, Class<? extends JournalEvent>> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        for (Class<?> kind : JournalEvent.class.getPermittedSubclasses()) {
            JsonTypeName name = kind.getAnnotation(JsonTypeName.class);
            if (name == null) throw new IllegalStateException(kind + " has no @JsonTypeName: its lines would have no event name");
            BY_NAME.put(name.value(), kind.asSubclass(JournalEvent.class));
            NAMES.put(kind, name.value());
        }
    }

    private JournalCodec() {
    }

    /** The "event" name lines of this kind carry. */
    public static String name(Class<? extends JournalEvent> kind) {
        return NAMES.get(kind);
    }

    /** {"t": t, "event": name, ...the event's non-null fields}, without the newline; secrets are not masked here. */
    public static String line(Instant t, JournalEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("t", t.toString());
        line.put("event", NAMES.get(event.getClass()));
        line.setAll((ObjectNode) JSON.valueToTree(event));
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + event, e);
        }
    }

    /**
     * The entry a line holds; empty when its event is of a kind this version does not know (fields
     * it does not know are passed over the same way).
     *
     * @throws IOException when the line is not a journal line (e.g. cut by a crash mid-write)
     */
    public static Optional<Entry> read(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) throw new JsonMappingException(null, "not a JSON object");
        Class<? extends JournalEvent> kind = BY_NAME.get(node.path("event").asText());
        if (kind == null) return Optional.empty();
        Instant t;
        try {
            t = Instant.parse(node.path("t").asText());
        } catch (DateTimeParseException e) {
            throw new JsonMappingException(null, "no time (\"t\"): " + e.getMessage());
        }
        return Optional.of(new Entry(t, JSON.treeToValue(node, kind)));
    }

    /** The project's one JSON mapper: the journal's lines and the daemon's control requests and answers. */
    public static ObjectMapper json() {
        return JSON;
    }

    private static ObjectMapper mapper() {
        // Instants as ISO-8601 text, as Instant.toString writes and Instant.parse reads them.
        SimpleModule instants = new SimpleModule("instants")
                .addSerializer(Instant.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                        gen.writeString(value.toString());
                    }
                })
                .addDeserializer(Instant.class, new JsonDeserializer<>() {
                    @Override
                    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        try {
                            return Instant.parse(p.getValueAsString());
                        } catch (DateTimeParseException e) {
                            throw JsonMappingException.from(p, e.getMessage(), e);
                        }
                    }
                });
        return new ObjectMapper()
                .registerModule(instants)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
