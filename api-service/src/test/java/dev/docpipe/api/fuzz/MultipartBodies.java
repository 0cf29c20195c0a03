package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.ascii;
import static dev.docpipe.api.fuzz.Bytes.latin1OrUtf8;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

/** multipart/form-data bodies for the upload endpoint, with hostile file names and claimed types. */
final class MultipartBodies {
    private static final String[] CLAIMED = {"application/pdf", "image/png", "image/jpeg", "image/tiff",
            "text/plain", "application/octet-stream", "application/x-msdownload", "", "garbage",
            "application/pdf; charset=\"", "image/png\u0000"};
    private static final String[] FILE_NAMES = {"scan.pdf", "a.png", "../../../etc/passwd",
            "..\\..\\windows\\win.ini", "/abs/x.pdf", "\u202Egnp.exe", "con.pdf", "a\"b.pdf", "a;b=c.pdf",
            "é.pdf", "x".repeat(5_000) + ".pdf", "", ".", "..", "%2e%2e%2f.pdf", "a\rb.pdf"};

    /** @param headers the part's header lines, each ending in CRLF */
    record Part(String headers, byte[] content) {}

    private MultipartBodies() {}

    /** @param close false leaves out the closing delimiter */
    static byte[] body(String boundary, List<Part> parts, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            out.writeBytes(latin1OrUtf8("--" + boundary + "\r\n" + p.headers() + "\r\n"));
            out.writeBytes(p.content());
            out.writeBytes(ascii("\r\n"));
        }
        if (close) {
            out.writeBytes(ascii("--" + boundary + "--\r\n"));
        }
        return out.toByteArray();
    }

    static Part filePart(Random r, String name, byte[] content) {
        return new Part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + pick(r, FILE_NAMES) + "\"\r\nContent-Type: " + pick(r, CLAIMED) + "\r\n", content);
    }

    /** A well-formed upload whose one file is refused by content: for families that attack something else. */
    static void rejectedUpload(Random r, RequestBuilder b) {
        String boundary = "fuzz" + r.nextInt(1_000_000);
        b.body = body(boundary, List.of(filePart(r, "file", RejectedFiles.any(r))), true);
        b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
    }
}
