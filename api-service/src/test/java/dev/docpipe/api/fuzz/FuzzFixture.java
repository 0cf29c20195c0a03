package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Randoms.uuid;

import java.util.Random;
import java.util.UUID;

/**
 * What the fuzz is aimed at: the caller (its token and child, and one real document of it that must
 * never change) and another family's child, document and command that the caller must never reach.
 */
public record FuzzFixture(int port, String token, UUID ownChild, UUID realDoc, UUID otherChild, UUID otherDoc,
        UUID otherCommand) {

    String ownDocuments() {
        return Endpoint.documents(ownChild.toString());
    }

    /** A target that does not exist or is not the caller's (never the caller's real document). */
    String foreignTarget(Random r, Endpoint e) {
        String random = uuid(r);
        if (e == Endpoint.UPLOAD || e == Endpoint.LIST) {
            return e.path(r.nextBoolean() ? otherChild.toString() : random, null, null);
        }
        if (e == Endpoint.COMMAND) {
            return e.path(null, null, r.nextInt(3) == 0 ? otherCommand.toString() : random);
        }
        if (e == Endpoint.DEV_ACCOUNTS) {
            throw new IllegalArgumentException("the dev endpoint has no foreign target");
        }
        return switch (r.nextInt(4)) {
            case 0 -> e.path(otherChild.toString(), otherDoc.toString(), null);
            case 1 -> e.path(ownChild.toString(), otherDoc.toString(), null);
            case 2 -> e.path(random, uuid(r), null);
            default -> e.path(ownChild.toString(), random, null);
        };
    }

    /** The caller's real document: only for requests that are strictly invalid. */
    String realTarget(Endpoint e) {
        return e.path(ownChild.toString(), realDoc.toString(), UUID.randomUUID().toString());
    }

    /** Mostly the caller's own child, where a bad upload would do damage if it got through. */
    String uploadTarget(Random r) {
        return r.nextInt(10) < 7 ? ownDocuments() : foreignTarget(r, Endpoint.UPLOAD);
    }
}
