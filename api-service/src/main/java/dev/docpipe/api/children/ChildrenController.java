package dev.docpipe.api.children;

import dev.docpipe.api.auth.Accounts;
import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.idempotency.IdempotencyKey;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.web.HttpReply;
import dev.docpipe.model.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in account's children: what a mobile app creates after sign-in, before its first upload.
 * The account itself needs no sign-up: it is the token's subject, and gets its row with its first child.
 * Another account's child is 404, exactly like one that does not exist. A child is created by one
 * database transaction, so Idempotency-Key needs no claim protocol here (unlike commands,
 * {@code IdempotentCommands}): the key is stored with the child it created.
 */
@RestController
@RequestMapping("/api/v1/children")
@Tag(name = "children")
public class ChildrenController {
    /** More than any family has; keeps a scripted account from filling the table. */
    static final int MAX_CHILDREN_PER_ACCOUNT = 100;
    static final int MAX_NAME_LENGTH = 100;

    static final String CREATION_KEY_DOC = """
            Optional. Makes the request safe to retry: a repeated key from the same account answers the child \
            that key created (201, same body, `Idempotent-Replayed: true`) instead of creating another; the \
            same key with another name is `422 IDEMPOTENCY_KEY_REUSED`. Kept as long as the child. \
            1-255 visible ASCII characters.""";

    private final Accounts accounts;
    private final ChildErasure erasure;

    public ChildrenController(Accounts accounts, ChildErasure erasure) {
        this.accounts = accounts;
        this.erasure = erasure;
    }

    public record CreateChildRequest(
            @Schema(description = "What the family calls the child (optional, 1-100 characters)", maxLength = 100)
            String name) {
        void check() {
            if (name == null) {
                return;
            }
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
                throw invalidName("must be 1-" + MAX_NAME_LENGTH + " characters, not only blanks");
            }
            String problem = StorableText.problem(name);
            if (problem != null) {
                throw invalidName(problem);
            }
        }

        private static ApiProblem invalidName(String detail) {
            return ApiProblem.badRequest("INVALID_FIELD", "name " + detail).with("field", "name");
        }
    }

    public record ChildView(UUID childId, String name, Instant createdAt) {
        static ChildView of(Accounts.Child child) {
            return new ChildView(child.childId(), child.name(), child.createdAt());
        }
    }

    public record ChildList(List<ChildView> items) {}

    @PostMapping
    @Operation(summary = "Create a child of the signed-in account (body optional)", responses = {
            @ApiResponse(responseCode = "201", description = "created (or, for a repeated Idempotency-Key, the "
                    + "child it created, with Idempotent-Replayed: true); Location = the child"),
            @ApiResponse(responseCode = "400", description = "INVALID_FIELD, UNKNOWN_FIELD, INVALID_IDEMPOTENCY_KEY"),
            @ApiResponse(responseCode = "409", description = "CHILD_LIMIT_REACHED: the account has "
                    + MAX_CHILDREN_PER_ACCOUNT + " children"),
            @ApiResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the key created a child "
                    + "with another name")})
    public ResponseEntity<ChildView> create(Caller caller,
            @Parameter(description = CREATION_KEY_DOC) @RequestHeader(value = IdempotencyKey.HEADER, required = false)
            String key,
            @RequestBody(required = false) CreateChildRequest body) {
        IdempotencyKey.check(key);
        String name = body == null ? null : body.name();
        if (body != null) {
            body.check();
        }
        Accounts.NewChild result = accounts.createChild(caller.accountId(), name, key, MAX_CHILDREN_PER_ACCOUNT);
        return switch (result.creation()) {
            case CREATED -> created(result.child()).body(ChildView.of(result.child()));
            case REPLAYED -> created(result.child()).header(HttpReply.REPLAYED_HEADER, "true")
                    .body(ChildView.of(result.child()));
            case KEY_REUSED -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key created a child with another name");
            case LIMIT_REACHED -> throw new ApiProblem(HttpStatus.CONFLICT, "CHILD_LIMIT_REACHED",
                    "an account has at most " + MAX_CHILDREN_PER_ACCOUNT + " children");
        };
    }

    private static ResponseEntity.BodyBuilder created(Accounts.Child child) {
        return ResponseEntity.created(URI.create("/api/v1/children/" + child.childId()));
    }

    @GetMapping
    @Operation(summary = "The signed-in account's children, oldest first (erased children are left out)")
    public ChildList list(Caller caller) {
        return new ChildList(accounts.childrenOf(caller.accountId()).stream().map(ChildView::of).toList());
    }

    @GetMapping("/{childId}")
    @Operation(summary = "One child of the signed-in account", responses = {
            @ApiResponse(responseCode = "200", description = "the child"),
            @ApiResponse(responseCode = "404", description = "CHILD_NOT_FOUND: unknown, or not the caller's"),
            @ApiResponse(responseCode = "410", description = "CHILD_ERASED: the child was erased")})
    public ChildView get(Caller caller, @PathVariable UUID childId) {
        Accounts.Child child = accounts.childOf(caller.accountId(), childId)
                .orElseThrow(() -> ApiProblem.notFound("CHILD_NOT_FOUND", "no such child"));
        if (child.erased()) {
            throw Ownership.childErased();
        }
        return ChildView.of(child);
    }

    /** What DELETE of a child answers while some of its documents' erasures are not decided yet. */
    public record ChildErasureView(UUID childId, String status, List<ChildErasure.DocumentErasure> documents) {}

    @DeleteMapping("/{childId}")
    @Operation(summary = "Erase the child and all its documents",
            description = """
                    Erases every document of the child (one erasure command each, see DELETE of a document) and \
                    the child's name; the child row stays, marked erased, so that a repeated DELETE answers \
                    `204` again. Afterwards the child is `410 CHILD_ERASED` (GET, uploads, lists, change \
                    stream), left out of the list of children, and each of its documents `410 \
                    DOCUMENT_ERASED`. A `202` lists the erasures not decided yet; send DELETE again (erasure is \
                    idempotent) until it answers `204`. An Idempotency-Key is accepted and checked, but not \
                    needed: a repeated DELETE is itself safe.""",
            responses = {
                    @ApiResponse(responseCode = "204", description = "the child and all its documents are erased",
                            content = @Content),
                    @ApiResponse(responseCode = "202", description = "erasing; the body lists the documents whose"
                            + " erasure is not decided yet, each with its command (href)",
                            content = @Content(schema = @Schema(implementation = ChildErasureView.class))),
                    @ApiResponse(responseCode = "404", description = "CHILD_NOT_FOUND: unknown, or not the caller's")})
    public ResponseEntity<ChildErasureView> eraseChild(Caller caller, @PathVariable UUID childId,
            @Parameter(description = "Optional; a repeated DELETE is safe without it. 1-255 visible ASCII"
                    + " characters.") @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key) {
        IdempotencyKey.check(key);
        accounts.childOf(caller.accountId(), childId)
                .orElseThrow(() -> ApiProblem.notFound("CHILD_NOT_FOUND", "no such child"));
        ChildErasure.Result result = erasure.erase(caller, childId);
        if (result.complete()) {
            return ResponseEntity.noContent().build();
        }
        List<ChildErasure.DocumentErasure> open = result.documents().stream().filter(d -> !d.done()).toList();
        return ResponseEntity.accepted().header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ChildErasureView(childId, "PENDING", open));
    }
}
