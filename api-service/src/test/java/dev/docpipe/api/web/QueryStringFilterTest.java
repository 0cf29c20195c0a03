package dev.docpipe.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringFilterTest {

    @Test
    void wellFormedQueryStringsPass() {
        for (String query : List.of("", "page=0&size=20", "x=%C3%A4%F0%9F%92%A9", "a=b+c", "flag", "x=%7e&y=",
                "q=%E2%80%AE", "%41=%42")) {
            assertThat(QueryStringFilter.problem(query)).as(query).isNull();
        }
        assertThat(QueryStringFilter.problem(null)).isNull();
    }

    @Test
    void malformedPercentEncodingsInvalidUtf8AndNulAreRefused() {
        for (String query : List.of("x=%ff", "%", "x=%", "x=%z", "x=%zz", "x=%4", "x=%c0%af", "x=%00", "%00",
                "x=%ed%a0%80", "x=%ed%b0%80", "x=%f8%88%80%80%80", "x=%c3", "x=%80", "x=%fe%ff", "a=1&b=%e2%82")) {
            assertThat(QueryStringFilter.problem(query)).as(query).isNotNull();
        }
    }
}
