package dev.docpipe.api.fuzz;

import java.util.List;

/** The endpoints of docs/design.md ("HTTP API") plus the dev-only account endpoint. */
enum Endpoint {
    UPLOAD("POST"), LIST("GET"), GET("GET"), TEXT("GET"), CONFIRM("POST"), RESCAN("POST"), REVIEW("PATCH"),
    VALIDATE("POST"), COMMAND("GET"), DEV_ACCOUNTS("POST"), RETRY_OCR("POST");

    // lists, not values(): their order is part of the seeded corpus, and DEV_ACCOUNTS is aimed at on purpose only
    static final List<Endpoint> DESIGN = List.of(UPLOAD, LIST, GET, TEXT, CONFIRM, RESCAN, REVIEW, VALIDATE, COMMAND,
            RETRY_OCR);
    static final List<Endpoint> JSON_BODY = List.of(REVIEW, RESCAN, VALIDATE, RETRY_OCR);
    static final List<Endpoint> COMMANDS = List.of(UPLOAD, CONFIRM, RESCAN, REVIEW, VALIDATE, RETRY_OCR);

    final String method;

    Endpoint(String method) {
        this.method = method;
    }

    boolean documentScoped() {
        return this == GET || this == TEXT || this == CONFIRM || this == RESCAN || this == REVIEW
                || this == VALIDATE || this == RETRY_OCR;
    }

    boolean takesJson() {
        return JSON_BODY.contains(this);
    }

    static String documents(String child) {
        return "/api/v1/children/" + child + "/documents";
    }

    /** Ids as strings, so callers can put junk in any position; unused ones may be null. */
    String path(String child, String doc, String command) {
        return switch (this) {
            case UPLOAD, LIST -> documents(child);
            case GET -> documents(child) + "/" + doc;
            case TEXT -> documents(child) + "/" + doc + "/text";
            case CONFIRM -> documents(child) + "/" + doc + "/confirm-scan";
            case RESCAN -> documents(child) + "/" + doc + "/rescan";
            case REVIEW -> documents(child) + "/" + doc + "/review";
            case VALIDATE -> documents(child) + "/" + doc + "/validate";
            case RETRY_OCR -> documents(child) + "/" + doc + "/retry-ocr";
            case COMMAND -> "/api/v1/commands/" + command;
            case DEV_ACCOUNTS -> "/api/v1/dev/accounts";
        };
    }
}
