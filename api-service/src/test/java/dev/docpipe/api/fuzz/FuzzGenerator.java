package dev.docpipe.api.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Builds request number {@code index} as a pure function of (seed, index): each request gets its own
 * {@link Random}, so the corpus does not depend on concurrency or on which thread builds what.
 */
public final class FuzzGenerator {
    /** A family and its share of the corpus, in percent. */
    private record Share(int percent, FuzzFamily family) {}

    private final long seed;
    private final String token;
    // the order and shares are part of the corpus: changing them changes what a given seed sends
    private final List<Share> shares;

    public FuzzGenerator(long seed, FuzzFixture fixture) {
        this.seed = seed;
        this.token = fixture.token();
        this.shares = List.of(
                new Share(12, new PathParamFuzz(fixture)),
                new Share(17, new JsonBodyFuzz(fixture)),
                new Share(10, new ContentTypeFuzz(fixture)),
                new Share(13, new MultipartFuzz(fixture)),
                new Share(8, new IdempotencyKeyFuzz(fixture)),
                new Share(10, new WrongMethodFuzz(fixture)),
                new Share(10, new NotTheCallersFuzz(fixture)),
                new Share(10, new ProtocolFuzz(fixture)),
                new Share(2, new TokenFuzz(fixture)),
                new Share(8, new QueryStringFuzz(fixture)));
        if (shares.stream().mapToInt(Share::percent).sum() != 100) {
            throw new IllegalStateException("family shares must add up to 100");
        }
    }

    public FuzzRequest generate(int index) {
        Random r = new Random(mix(seed, index));
        int c = r.nextInt(100);
        RequestBuilder b = new RequestBuilder(index, token);
        for (Share share : shares) {
            c -= share.percent();
            if (c < 0) {
                share.family().fill(r, b);
                break;
            }
        }
        return b.build();
    }

    /** SplitMix64 finalizer: neighbouring indexes get unrelated seeds (plain seed + index would not). */
    private static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
