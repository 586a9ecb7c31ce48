package app.hearth.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Logs where the API documentation is once the server listens. */
@Component
class ApiDocsAnnouncer implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsAnnouncer.class);

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        log.info("Hearth is up. API docs: http://localhost:{}/swagger-ui.html (OpenAPI: http://localhost:{}/v3/api-docs)",
                port, port);
    }
}
