package dev.docpipe.bench.peer;

import dev.docpipe.bench.infra.ApiDocuments;
import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** docpipe's real API (its executable jar, its own JVM) in front of the pipeline running in this JVM. */
final class DocpipeSide implements Side {
    private final ApiProcess api;
    private final ApiProcess.Account account;
    private final String bootstrap;
    private final long postmasterPid;

    DocpipeSide(ApiProcess api, ApiProcess.Account account, String bootstrap, long postmasterPid) {
        this.api = api;
        this.account = account;
        this.bootstrap = bootstrap;
        this.postmasterPid = postmasterPid;
    }

    @Override
    public String name() {
        return "docpipe";
    }

    @Override
    public int port() {
        return api.port();
    }

    @Override
    public String token() {
        return account.token();
    }

    @Override
    public Set<Long> servingPids() {
        return Set.of(api.pid(), postmasterPid);
    }

    @Override
    public String jobTopic() {
        return Topics.OCR_JOBS;
    }

    @Override
    public List<String> scannedDocuments(int count) throws Exception {
        return ApiDocuments.scanned(api, account, bootstrap, count, false);
    }

    @Override
    public void kill9() throws InterruptedException {
        api.kill9();
    }

    @Override
    public void restart(Duration within) throws Exception {
        api.restart(within);
    }
}
