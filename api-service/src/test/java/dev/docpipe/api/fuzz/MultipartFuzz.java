package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.concat;
import static dev.docpipe.api.fuzz.MultipartBodies.filePart;
import static dev.docpipe.api.fuzz.Randoms.pick;

import dev.docpipe.api.fuzz.MultipartBodies.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Garbage multipart on the upload endpoint; every file in it is refused by content. */
final class MultipartFuzz implements FuzzFamily {
    private static final String[] ODD_PART_HEADERS = {
            "Content-Type: application/pdf\r\n",
            "Content-Disposition: attachment; name=\"file\"; filename=\"a.pdf\"\r\n",
            "Content-Disposition: form-data; name=file; filename=a.pdf\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%e2%82%ac.pdf\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.pdf\"\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Length: 99999999\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: \u0000\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nX-"
                    + "h".repeat(20_000) + ": 1\r\n",
            "Content-Disposition: form-data; name=\"file\"; name=\"file\"; filename=\"a.pdf\"\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n",
            "content-disposition:form-data;name=\"file\";filename=\"a.pdf\"\r\n"};

    private final FuzzFixture fixture;

    MultipartFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        b.category = "multipart";
        b.method = "POST";
        b.target = fixture.uploadTarget(r);
        String boundary = "----fuzz" + Long.toHexString(r.nextLong());
        String type = "multipart/form-data; boundary=" + boundary;
        byte[] body;
        switch (r.nextInt(12)) {
            case 0 -> body = MultipartBodies.body(boundary, List.of(filePart(r, pick(r, new String[] {"document",
                    "File", "FILE", "files", "file[]", "file0", "", "upload", "data", "fil e", "file\\\"", " file",
                    "ｆile"}), RejectedFiles.any(r))), true);
            case 1 -> body = MultipartBodies.body(boundary, List.of(filePart(r, "file", new byte[0])), true);
            case 2, 3 -> body = MultipartBodies.body(boundary, List.of(filePart(r, "file", RejectedFiles.any(r))),
                    true);
            case 4 -> { // the body uses another boundary than the header
                body = MultipartBodies.body("other" + boundary, List.of(filePart(r, "file", RejectedFiles.any(r))),
                        true);
            }
            case 5 -> { // no boundary, an empty one, an overlong one, a quoted mess
                body = MultipartBodies.body(boundary, List.of(filePart(r, "file", RejectedFiles.any(r))), true);
                type = pick(r, new String[] {"multipart/form-data", "multipart/form-data; boundary=",
                        "multipart/form-data; boundary=\"" + boundary, "multipart/form-data; boundary="
                                + "b".repeat(300), "multipart/form-data; boundary=" + boundary + "; boundary=x",
                        "multipart/form-data;boundary", "MULTIPART/FORM-DATA; BOUNDARY=" + boundary});
            }
            case 6 -> { // truncated: every prefix of a NUL-first file is refused too
                byte[] nulFirst = RejectedFiles.requireRejected(concat(new byte[] {0}, RejectedFiles.any(r)));
                byte[] whole = MultipartBodies.body(boundary, List.of(filePart(r, "file", nulFirst)), true);
                body = Arrays.copyOf(whole, r.nextInt(whole.length));
            }
            case 7 -> { // many parts, or the file twice
                List<Part> parts = new ArrayList<>();
                int n = r.nextBoolean() ? 2 : 2 + r.nextInt(80);
                for (int i = 0; i < n; i++) {
                    parts.add(filePart(r, r.nextBoolean() ? "file" : "p" + i, RejectedFiles.any(r)));
                }
                body = MultipartBodies.body(boundary, parts, true);
            }
            case 8 -> {
                byte[] file = RejectedFiles.any(r);
                body = MultipartBodies.body(boundary, List.of(new Part(pick(r, ODD_PART_HEADERS), file)), true);
            }
            case 9 -> { // a "file" part that is a plain field, or a nested multipart/mixed
                byte[] nulFirst = RejectedFiles.requireRejected(concat(new byte[] {0}, RejectedFiles.any(r)));
                Part part = r.nextBoolean()
                        ? new Part("Content-Disposition: form-data; name=\"file\"\r\n", nulFirst)
                        : new Part("Content-Disposition: form-data; name=\"file\"\r\nContent-Type: "
                                + "multipart/mixed; boundary=inner\r\n", MultipartBodies.body("inner",
                                        List.of(filePart(r, "file", RejectedFiles.any(r))), true));
                body = MultipartBodies.body(boundary, List.of(part), true);
            }
            case 10 -> { // not multipart/form-data at all
                body = MultipartBodies.body(boundary, List.of(filePart(r, "file", RejectedFiles.any(r))), true);
                type = pick(r, new String[] {"multipart/mixed; boundary=" + boundary,
                        "multipart/related; boundary=" + boundary, "multipart/byteranges; boundary=" + boundary,
                        "multipart/form-data-x; boundary=" + boundary, "application/x-www-form-urlencoded"});
            }
            default -> {
                lyingOrHugeLength(r, b, boundary, type);
                return;
            }
        }
        b.body = body;
        b.header("Content-Type", type);
    }

    /** Lying or huge declared lengths (raw), and now and then a real oversized upload. */
    private void lyingOrHugeLength(Random r, RequestBuilder b, String boundary, String type) {
        byte[] whole = MultipartBodies.body(boundary, List.of(filePart(r, "file", RejectedFiles.any(r))), true);
        int kind = r.nextInt(40);
        if (kind == 0) {
            byte[] big = new byte[20 * 1024 * 1024 + 1 + r.nextInt(1024)]; // all NUL: refused anyway
            b.body = MultipartBodies.body(boundary, List.of(filePart(r, "file", big)), true);
            b.header("Content-Type", type);
            b.category = "multipart-oversized";
            return;
        }
        String declared = pick(r, new String[] {"2147483648", "1000000000000", "9223372036854775807",
                String.valueOf(21 * 1024 * 1024), String.valueOf(whole.length + 1 + r.nextInt(100_000)),
                String.valueOf(Math.max(0, whole.length - 1 - r.nextInt(Math.max(1, whole.length))))});
        b.category = "multipart-declared-length";
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Authorization", "Bearer " + fixture.token()});
        headers.add(new String[] {"Content-Type", type});
        b.raw = new FuzzRequest.Raw(RawRequests.encode(fixture.port(), "POST", b.target, headers, whole, declared),
                true);
    }
}
