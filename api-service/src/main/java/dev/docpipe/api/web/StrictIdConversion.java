package dev.docpipe.api.web;

import dev.docpipe.model.Ids;
import java.beans.PropertyEditorSupport;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.validation.Validator;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;

/**
 * Ids in paths must be canonical UUIDs: {@link UUID#fromString} alone also takes forms like "1-1-1-1-1",
 * and Spring's converter turns a blank id into "missing". It has to be a property editor (a converter
 * that refuses is silently retried with Spring's default UUID editor, which accepts), registered in the
 * binding initializer rather than by an {@code @InitBinder} method: that method was re-created and
 * invoked reflectively on every request, ~6 % of the API's CPU per confirm in the benchmark's profile.
 * The initializer is otherwise the one Spring Boot would build (its conversion service and validator).
 */
@Configuration(proxyBeanMethods = false)
public class StrictIdConversion {
    @Bean
    ConfigurableWebBindingInitializer webBindingInitializer(
            @Qualifier("mvcConversionService") FormattingConversionService conversionService,
            @Qualifier("mvcValidator") Validator validator) {
        ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
        initializer.setConversionService(conversionService);
        initializer.setValidator(validator);
        initializer.setPropertyEditorRegistrar(registry -> registry.registerCustomEditor(UUID.class, new StrictUuidEditor()));
        return initializer;
    }

    /** Not thread-safe (PropertyEditorSupport holds the value): one per binder. */
    private static final class StrictUuidEditor extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            setValue(Ids.parse(text));
        }
    }
}
