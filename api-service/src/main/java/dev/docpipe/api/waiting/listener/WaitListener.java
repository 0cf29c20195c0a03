package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.changes.ChangeStreams;
import dev.docpipe.api.commands.CommandController;
import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.waiting.CommandWaits;
import dev.docpipe.api.waiting.DocumentWatches;
import dev.docpipe.api.waiting.ParkedRequests;
import dev.docpipe.api.waiting.WaitExecutor;
import dev.docpipe.api.waiting.WaitProperties;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wait listener (docs/decisions/0014-wait-listener.md): a Reactor Netty server on a port of its own
 * ({@code docpipe.api.wait-listener.port}, off by default) serving exactly the waiting reads with the main port's
 * contract: GET of a document, GET of a command (both with or without Prefer: wait) and a child's change stream.
 * A parked request there is a channel and a few small objects, not a servlet request with its buffers. Everything
 * else it answers 404 (another method on its paths 405): an ingress sends it only those GETs.
 */
@Component
public class WaitListener implements SmartLifecycle, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(WaitListener.class);

    private final WaitListenerProperties properties;
    private final DocumentWaitRoute documents;
    private final CommandWaitRoute commands;
    private final ChangeStreamRoute changes;
    private final Answers answers;
    private final ParkedRequests parked;
    private final Scheduler timer;
    private volatile LoopResources loops;
    private volatile DisposableServer server;

    public WaitListener(WaitListenerProperties properties, WaitProperties waiting, ApiProperties api,
            JwtDecoder jwtDecoder, JsonMapper json, Ownership ownership, DocumentWatches watches,
            CommandController commandController, CommandWaits commandWaits, ChangeStreams streams,
            ParkedRequests parked, WaitExecutor executor) {
        this.properties = properties;
        this.parked = parked;
        // one timer for every parked request's end and every stream's maximum age
        this.timer = Schedulers.newSingle("wait-listener-timer", true);
        BearerCallers callers = new BearerCallers(jwtDecoder);
        OffLoop offLoop = new OffLoop(executor);
        Parking parking = new Parking(parked, timer);
        this.answers = new Answers(json, api.retryAfter());
        this.documents = new DocumentWaitRoute(callers, ownership, watches, offLoop, parking, waiting.maxWait());
        this.commands = new CommandWaitRoute(callers, commandController, commandWaits, offLoop, parking,
                waiting.maxWait());
        this.changes = new ChangeStreamRoute(callers, ownership, streams, offLoop, answers, json, timer,
                waiting.streamMaxAge());
    }

    /** The port it listens on, or 0 when it does not listen. */
    public int port() {
        DisposableServer s = server;
        return s == null ? 0 : s.port();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        loops = LoopResources.create("wait-listener", properties.eventLoopThreads(), true);
        server = HttpServer.create()
                .host(properties.host())
                .port(properties.port())
                .runOn(loops)
                // with a channel group, disposeNow waits for answers in flight (those stop() has just given)
                // before it closes their connections
                .channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
                .handle(this::serve)
                .bindNow(Duration.ofSeconds(10));
        log.info("wait listener on {}:{}", properties.host(), server.port());
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        String uriPath = uriPath(request.uri());
        WaitPath path = WaitPath.of(request.uri());
        if (path == null) {
            return refuse(response, uriPath, ApiProblem.notFound("NOT_FOUND",
                    "the wait listener serves only waiting reads"));
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return refuse(response, uriPath, new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                    "the wait listener serves only GET"));
        }
        return switch (path) {
            case WaitPath.Changes c -> changes.serve(request, response, c, uriPath);
            case WaitPath.Document d -> reply(response, uriPath, documents.answer(request, d));
            case WaitPath.Command c -> reply(response, uriPath, commands.answer(request, c));
        };
    }

    private Mono<Void> reply(HttpServerResponse response, String uriPath, Mono<ResponseEntity<?>> answer) {
        return answer.onErrorResume(failure -> Mono.just(answers.failure(failure, uriPath)))
                .flatMap(reply -> answers.write(response, reply));
    }

    private Mono<Void> refuse(HttpServerResponse response, String uriPath, ApiProblem problem) {
        return answers.write(response, answers.failure(problem, uriPath));
    }

    private static String uriPath(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    @Override
    public void stop() {
        // Spring stops this bean before ParkedRequests (it depends on it), so the parked requests are answered
        // here first: the close then waits only for those answers to leave
        parked.answerAllNow();
        DisposableServer s = server;
        if (s != null) {
            s.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
        LoopResources l = loops;
        if (l != null) {
            l.disposeLater().block(Duration.ofSeconds(5));
            loops = null;
        }
    }

    /** The timer outlives a stop: a stopped context may be started again (Spring's test context cache does). */
    @Override
    public void destroy() {
        timer.dispose();
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Takes requests with the main web server. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
