package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmokeIntegrationTest extends ApiIntegrationTest {

    @Test
    void uploadThenRead() {
        HttpApi.Response r = api.uploadFile(childId, "../../etc/passwd.pdf", pdf());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        UUID documentId = UUID.fromString(r.json().path("documentId").asString());
        assertThat(r.header("Location")).hasValue(docPath(documentId));

        HttpApi.Response doc = api.get(docPath(documentId));
        assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
        assertThat(doc.json().path("state").asString()).isEqualTo("SCAN_PENDING");
        assertThat(doc.json().path("file").path("fileName").asString()).isEqualTo("passwd.pdf");
        assertThat(doc.header("ETag")).hasValue("\"" + doc.json().path("version").asLong() + "\"");
    }

    @Test
    void devAccounts() {
        HttpApi.Response r = api.anonymous().post("/api/v1/dev/accounts", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String token = r.json().path("token").asString();
        UUID child = UUID.fromString(r.json().path("childId").asString());
        HttpApi.Response list = api.as(token).get("/api/v1/children/" + child + "/documents");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("items").size()).isZero();
    }
}
