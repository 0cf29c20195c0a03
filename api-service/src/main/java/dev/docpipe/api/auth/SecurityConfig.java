package dev.docpipe.api.auth;

import dev.docpipe.api.ops.OperatorRole;
import dev.docpipe.api.ops.OpsSecurity;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request is authenticated with a bearer token, except health/metrics probes, the API docs and
 * the dev-only account endpoint (which exists only under the dev profile; elsewhere it is a 404). {@code /ops}
 * (the operator console) needs the operator role ({@link OpsSecurity}, {@link OperatorRole}).
 * Failures are problem+json: 401 UNAUTHENTICATED without a token, 401 INVALID_TOKEN with a bad one, 503
 * when the identity provider cannot be reached to check it ({@link BearerTokenFailures}). Which tokens
 * are good is the JwtDecoder's business: {@link DevTokenConfig} in the dev profile, {@link OidcTokenConfig}
 * everywhere else.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json, OperatorRole operatorRole) throws Exception {
        BearerTokenFailures bearerFailures = new BearerTokenFailures(json);
        // No CORS: the callers are the mobile app and servers (no browser origin); Swagger UI is same-origin.
        // Spring's CORS filter would otherwise look up the MVC handler of every request a second time.
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> OpsSecurity.rules(auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/api/v1/dev/**", "/error")
                        .permitAll())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(operatorRole.authenticationConverter()))
                        .authenticationEntryPoint(bearerFailures)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(bearerFailures);
                                return filter;
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> write(json, request, response,
                                new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "not allowed"))))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) ->
                                write(json, request, response, unauthenticated()))
                        .accessDeniedHandler((request, response, e) -> write(json, request, response,
                                new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "not allowed"))));
        return http.build();
    }

    /**
     * No spring.security.* observations, and so no observation wrapper around each of the chain's
     * filters (a visible share of the API's CPU per request, for spans nobody reads); request latency
     * per endpoint stays measured by http.server.requests.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    public static ApiProblem unauthenticated() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "a bearer token is required");
    }

    static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            ApiProblem problem) throws IOException {
        response.setStatus(problem.status().value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        if (problem.status() == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), Problems.body(problem, request.getRequestURI()));
    }
}
