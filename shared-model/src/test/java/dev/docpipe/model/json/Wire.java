package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.event.ScanRequested;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One valid record per codec, as it travels, and a way to break it. */
record Wire(String name, Codec<?> codec, byte[] valid) {
    static final JsonMapper PLAIN = JsonMapper.builder().build();

    static final Wire RESCAN = new Wire("command", ModelJson.COMMANDS,
            ModelJson.COMMANDS.encode(Samples.command(new Rescan(2))));
    static final Wire EDIT = new Wire("edit", ModelJson.COMMANDS,
            ModelJson.COMMANDS.encode(Samples.command(new EditReview(3, Samples.FULL_PATCH))));
    static final Wire VALIDATE = new Wire("validate", ModelJson.COMMANDS,
            ModelJson.COMMANDS.encode(Samples.command(new ValidateReview(3))));
    static final Wire EVENT = new Wire("event", ModelJson.EVENTS,
            ModelJson.EVENTS.encode(Samples.recorded(new ScanRequested(Samples.SCAN_JOB, 1))));
    static final Wire RESULT = new Wire("result", ModelJson.RESULTS, ModelJson.RESULTS.encode(Samples.results().get(2)));
    static final Wire JOB = new Wire("job", ModelJson.JOBS, ModelJson.JOBS.encode(Samples.OCR_JOB));
    static final Wire OUTCOME = new Wire("outcome", ModelJson.OUTCOMES, ModelJson.OUTCOMES.encode(Samples.outcomes().get(0)));

    static List<Wire> allKinds() {
        return List.of(RESCAN, EVENT, RESULT, JOB, OUTCOME);
    }

    /** The kinds with a {@code type} field. */
    static List<Wire> typedKinds() {
        return List.of(RESCAN, EVENT, RESULT);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The valid record with its JSON tree changed. */
    byte[] with(Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) PLAIN.readTree(valid);
        change.accept(node);
        return PLAIN.writeValueAsBytes(node);
    }

    /** The valid record with the object under {@code path} (e.g. "payload", "patch") changed. */
    byte[] withNested(List<String> path, Consumer<ObjectNode> change) {
        return with(root -> {
            JsonNode node = root;
            for (String step : path) {
                node = node.get(step);
            }
            change.accept((ObjectNode) node);
        });
    }

    void rejects(byte[] bytes, RejectReason reason) {
        Throwable thrown = catchThrowable(() -> codec.decode(bytes));
        assertThat(thrown)
                .as("decoding %s: %s", name, bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8))
                .isInstanceOf(RejectedRecordException.class);
        assertThat(((RejectedRecordException) thrown).reason()).as("reason (%s)", thrown.getMessage()).isEqualTo(reason);
        assertThat(thrown.getMessage()).isNotBlank();
    }

    /** Reads {@code bytes} as the same record as the valid one. */
    void readsAsValid(byte[] bytes) {
        assertThat(codec.decode(bytes)).as("decoding %s: %s", name, new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(codec.decode(valid));
    }

    void rejects(String json, RejectReason reason) {
        rejects(json.getBytes(StandardCharsets.UTF_8), reason);
    }
}
