package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.model.Ids;
import java.util.UUID;

/**
 * The three waiting reads the listener serves, told apart by their path (the main port's paths, so an ingress routes
 * them by header and path alone); anything else is not served here.
 */
sealed interface WaitPath {
    String PREFIX = "/api/v1/";

    /** GET /api/v1/children/{childId}/documents/{documentId} */
    record Document(String childId, String documentId) implements WaitPath {}

    /** GET /api/v1/children/{childId}/documents/changes */
    record Changes(String childId) implements WaitPath {}

    /** GET /api/v1/commands/{commandId} */
    record Command(String commandId) implements WaitPath {}

    /** The path of a request URI (its query ignored), or null when the listener does not serve it. */
    static WaitPath of(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String[] s = path.substring(PREFIX.length()).split("/", -1);
        if (s.length == 4 && s[0].equals("children") && s[2].equals("documents")) {
            return s[3].equals("changes") ? new Changes(s[1]) : new Document(s[1], s[3]);
        }
        if (s.length == 2 && s[0].equals("commands")) {
            return new Command(s[1]);
        }
        return null;
    }

    /** A path id as the main port takes it: a canonical UUID, else 400 INVALID_ID naming the parameter. */
    static UUID id(String name, String value) {
        try {
            return Ids.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("INVALID_ID", name + " must be a UUID").with("parameter", name);
        }
    }
}
