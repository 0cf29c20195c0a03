package dev.docpipe.api.fuzz;

import java.util.Random;

/**
 * One family of hostile input. It fills the request, category included, from the request's own
 * {@link Random}: a family keeps no state between requests, so any thread may build any index.
 */
interface FuzzFamily {
    void fill(Random r, RequestBuilder b);
}
