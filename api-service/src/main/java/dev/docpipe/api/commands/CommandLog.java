package dev.docpipe.api.commands;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Outcomes of commands ({@code command_outcomes}) and commands still waiting for one ({@code pending_commands}). */
@Repository
public class CommandLog {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public CommandLog(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A command that was answered 202 (its outcome had not arrived in time). */
    public record PendingCommand(UUID commandId, UUID childId, UUID documentId, String commandType) {}

    public void recordPending(Command command, UUID accountId, UUID childId) {
        jdbc.sql("""
                        INSERT INTO pending_commands (command_id, account_id, child_id, document_id, command_type, issued_at)
                        VALUES (:id, :account, :child, :document, :type, :issuedAt)
                        ON CONFLICT (command_id) DO NOTHING""")
                .param("id", command.commandId())
                .param("account", accountId)
                .param("child", childId)
                .param("document", command.documentId())
                .param("type", command.type())
                .param("issuedAt", OffsetDateTime.ofInstant(command.issuedAt(), ZoneOffset.UTC))
                .update();
    }

    /** Logs outcomes; the first outcome of a command is kept, repeats are ignored. */
    public void recordOutcomes(List<CommandOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                        INSERT INTO command_outcomes (command_id, document_id, command_type, outcome, decided_at)
                        VALUES (?, ?, ?, ?::jsonb, ?)
                        ON CONFLICT (command_id) DO NOTHING""",
                outcomes, 500, (ps, outcome) -> {
                    ps.setObject(1, outcome.commandId());
                    ps.setObject(2, outcome.documentId());
                    ps.setString(3, outcome.commandType());
                    ps.setString(4, new String(ModelJson.write(outcome), StandardCharsets.UTF_8));
                    ps.setObject(5, OffsetDateTime.ofInstant(outcome.decidedAt(), ZoneOffset.UTC));
                });
    }

    /** The outcome with the child owning its document (null if the read model has no such document). */
    public record LoggedOutcome(CommandOutcome outcome, UUID childId) {}

    public Optional<LoggedOutcome> outcome(UUID commandId) {
        return jdbc.sql("""
                        SELECT o.outcome::text AS outcome, d.child_id
                          FROM command_outcomes o LEFT JOIN documents d ON d.document_id = o.document_id
                         WHERE o.command_id = :id""")
                .param("id", commandId)
                .query((rs, n) -> new LoggedOutcome(
                        ModelJson.read(rs.getString("outcome").getBytes(StandardCharsets.UTF_8), CommandOutcome.class),
                        rs.getObject("child_id", UUID.class)))
                .optional();
    }

    public Optional<PendingCommand> pending(UUID commandId) {
        return jdbc.sql("SELECT command_id, child_id, document_id, command_type FROM pending_commands"
                        + " WHERE command_id = :id")
                .param("id", commandId)
                .query((rs, n) -> new PendingCommand(rs.getObject("command_id", UUID.class),
                        rs.getObject("child_id", UUID.class), rs.getObject("document_id", UUID.class),
                        rs.getString("command_type")))
                .optional();
    }

    /**
     * Documents whose registration under the child was answered 202 (before its outcome): the read model may
     * not show them yet, and erasing a child must not miss them.
     */
    public List<UUID> pendingRegistrations(UUID childId) {
        return jdbc.sql("SELECT DISTINCT document_id FROM pending_commands"
                        + " WHERE child_id = :child AND command_type = 'RegisterDocument'")
                .param("child", childId)
                .query(UUID.class)
                .list();
    }
}
