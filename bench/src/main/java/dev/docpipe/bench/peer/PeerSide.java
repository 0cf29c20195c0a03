package dev.docpipe.bench.peer;

import dev.docpipe.bench.infra.ApiProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The peer process over its own database, serving the same account's child with the same token. */
final class PeerSide implements Side {
    private final PeerProcess peer;
    private final PeerDatabase db;
    private final ApiProcess.Account account;

    PeerSide(PeerProcess peer, PeerDatabase db, ApiProcess.Account account) {
        this.peer = peer;
        this.db = db;
        this.account = account;
    }

    @Override
    public String name() {
        return "guarded UPDATE + outbox";
    }

    @Override
    public int port() {
        return peer.port();
    }

    @Override
    public String token() {
        return account.token();
    }

    @Override
    public Set<Long> servingPids() {
        return Set.of(peer.pid(), db.postmasterPid());
    }

    @Override
    public String jobTopic() {
        return PeerRelay.TOPIC;
    }

    @Override
    public List<String> scannedDocuments(int count) throws Exception {
        return documents(count, "SCANNED");
    }

    /** {@code count} new rows of the account's child in {@code state}; returns their paths. */
    List<String> documents(int count, String state) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        db.insert(ids, account.childId(), UUID.fromString(account.accountId()), state);
        return ids.stream().map(id -> "/api/v1/children/" + account.childId() + "/documents/" + id).toList();
    }

    @Override
    public void kill9() {
        peer.kill9();
    }

    @Override
    public void restart(Duration within) {
        peer.restart(within);
    }
}
