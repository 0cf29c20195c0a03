package dev.docpipe.api.web;

import java.io.IOException;

/** Thrown by the body limit while a request body is read; surfaces as 413. */
public class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
