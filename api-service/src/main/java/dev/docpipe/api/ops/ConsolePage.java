package dev.docpipe.api.ops;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's page: static HTML, its script and style sheet under {@code static/ops/}, served by the API itself
 * (no front-end build, nothing from another origin). The page holds no data; everything it shows comes from
 * {@code /ops/api/**} with the operator's token, so it may be loaded before the token is entered
 * ({@link OpsSecurity}).
 */
@RestController
@Hidden
public class ConsolePage {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Resource PAGE = new ClassPathResource("static/ops/index.html");

    @GetMapping({"/ops", "/ops/"})
    public ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .body(PAGE);
    }
}
