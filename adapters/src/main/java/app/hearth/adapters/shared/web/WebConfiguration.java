package app.hearth.adapters.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * MVC wiring and the OpenAPI document's description of Hearth, its bearer tokens and its problem responses
 * (adr/0035).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentActorResolver());
    }

    @Bean
    OpenAPI hearthOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Hearth API").version("v1")
                        .description("Live human companions for people who feel alone. Errors are RFC 9457 problem "
                                + "details with a stable `code`."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                // not the address of the request that asked for the document: the document is committed (adr/0035)
                .servers(List.of(new Server().url("http://localhost:8080").description("A local run (README)")));
    }

    /** The ProblemDetail schema and the reusable problem responses. */
    @Bean
    OpenApiCustomizer problemComponents() {
        return ApiDocs::addComponents;
    }

    /** Each operation's problem responses: those of its shape and its own {@link ProblemResponses}. */
    @Bean
    OperationCustomizer problemResponses() {
        return ApiDocs::addProblems;
    }
}
