package io.tapbus.runtime.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.vertx.common.VertxHelper;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's HTTP server: Camel's platform-http server on Vert.x (same {@code camel.server.*} settings, same
 * router the REST routes are added to), except that it listens itself, because what Vert.x answers before any route
 * runs can only be set before the server listens: {@link HttpProblems} on the top router (404, 405, 406, 413, 415,
 * 500) and for requests Vert.x cannot decode (414, 431, 400), and HTTP/1.1 only. The management server stays Camel's.
 */
public final class ApiHttpServer extends VertxPlatformHttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);

    private final VertxPlatformHttpServerConfiguration configuration;
    private final HttpProblems problems;
    private HttpServer server;
    private boolean ownVertx;

    ApiHttpServer(VertxPlatformHttpServerConfiguration configuration, HttpProblems problems) {
        super(configuration);
        this.configuration = configuration;
        this.problems = problems;
    }

    @Override
    protected void startServer() throws Exception {
        // HTTP/1.1 only (TLS has no ALPN here either): over an h2c upgrade the limits below would not hold, and HTTP/2
        // refuses oversized headers with a bare stream reset or an empty 431
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        SSLContextParameters ssl = configuration.getSslContextParameters() != null ? configuration.getSslContextParameters()
                : configuration.isUseGlobalSslContextParameters() ? getCamelContext().getSSLContextParameters() : null;
        if (ssl != null) {
            VertxHelper.setupSSLOptions(getCamelContext(), ssl, options);
        }
        // the router Camel bound for this port and adds every REST operation to, mounted as Camel mounts it
        Router routes = VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort()));
        Router top = Router.router(getVertx());
        String restPath = getCamelContext().getRestConfiguration().getContextPath();
        getCamelContext().getRegistry().findByType(ApiStreams.class).forEach(s -> s.install(top, restPath));
        top.route(configuration.getPath() + "*").subRouter(routes);
        problems.install(top);
        server = getVertx().createHttpServer(options).requestHandler(top).invalidRequestHandler(problems::invalidRequest);
        server.listen(configuration.getBindPort(), configuration.getBindHost()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.info("REST API listening on {}:{}{}", configuration.getBindHost(), server.actualPort(), ssl == null ? "" : " (TLS)");
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            getCamelContext().removeComponent(PlatformHttpConstants.PLATFORM_HTTP_COMPONENT_NAME);
            try {
                server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("REST API server did not close cleanly: {}", e.getMessage());
            } finally {
                server = null;
            }
        }
    }

    @Override
    protected Vertx createVertxInstance() {
        ownVertx = true;
        return super.createVertxInstance();
    }

    /** Closes the Vert.x instance if this server made it (none was in the registry), as Camel's server does. */
    @Override
    protected void stopVertx() {
        Vertx vertx = getVertx();
        if (vertx != null && ownVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Vert.x of the REST API did not close cleanly: {}", e.getMessage());
            }
        }
        ownVertx = false;
        setVertx(null);
    }

    /** The server that listens (Camel's platform-http engine asks it for the port its routes go to). */
    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public int getPort() {
        return server != null ? server.actualPort() : configuration.getBindPort();
    }

    /**
     * Bound in the registry, Camel Main takes its HTTP servers from here: the API server is an {@link ApiHttpServer}
     * configured exactly as Camel's would be; the management server is Camel's.
     */
    public static final class Factory implements MainHttpServerFactory {
        private final DefaultMainHttpServerFactory camel = new DefaultMainHttpServerFactory();
        private final ProblemResponder responder;

        public Factory(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties properties) {
            // Camel's own server object, only to read the configuration it makes of camel.server.*
            VertxPlatformHttpServerConfiguration configuration =
                    ((MainHttpServer) camel.newHttpServer(context, properties)).getConfiguration();
            configuration.setServerType(VertxPlatformHttpRouter.SERVER_TYPE_SERVER);
            ApiHttpServer server = new ApiHttpServer(configuration, new HttpProblems(responder, configuration.getMaxBodySize()));
            server.setCamelContext(context);
            return server;
        }

        @Override
        public Service newHttpManagementServer(CamelContext context, HttpManagementServerConfigurationProperties properties) {
            return camel.newHttpManagementServer(context, properties);
        }
    }
}
