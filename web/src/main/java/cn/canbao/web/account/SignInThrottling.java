package cn.canbao.web.account;

import cn.canbao.account.boundary.LoginThrottle;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Refuses a source that is throttled for a user name ({@link LoginThrottle}) before the server authenticates the
 * request: an outer handler of this deployment (an Undertow servlet extension, META-INF/services), so a refused
 * program gets 429 with {@code Retry-After} as problem+json — even with the right password — and costs no password
 * hash. Only for the API with HTTP Basic; the login form is throttled by {@link SignInServlet}. The throttle itself
 * is the application's bean, handed over by the listener below when the deployment starts.
 */
public class SignInThrottling implements ServletExtension {

    static final String ATTRIBUTE = LoginThrottle.class.getName();

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        deployment.addOuterHandlerChainWrapper(next -> new Refusing(next, servletContext));
    }

    /** Puts the application's throttle where the handler finds it. */
    @WebListener
    public static class Publisher implements ServletContextListener {

        @Inject
        LoginThrottle throttle;

        @Override
        public void contextInitialized(ServletContextEvent event) {
            event.getServletContext().setAttribute(ATTRIBUTE, throttle);
        }
    }

    static final class Refusing implements HttpHandler {

        private final HttpHandler next;
        private final ServletContext context;

        Refusing(HttpHandler next, ServletContext context) {
            this.next = next;
            this.context = context;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            Optional<Duration> blocked = blocked(exchange);
            if (blocked.isEmpty()) {
                next.handleRequest(exchange);
                return;
            }
            long seconds = LoginThrottle.retryAfterSeconds(blocked.get());
            exchange.setStatusCode(429);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json;charset=UTF-8");
            exchange.getResponseHeaders().put(HttpString.tryFromString("Retry-After"), String.valueOf(seconds));
            exchange.getResponseSender().send(ApiThrottleFilter.tooManyAttemptsBody(seconds), StandardCharsets.UTF_8);
        }

        private Optional<Duration> blocked(HttpServerExchange exchange) {
            if (!exchange.getRelativePath().startsWith("/api/")) {
                return Optional.empty();
            }
            Object throttle = context.getAttribute(ATTRIBUTE);
            String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            Optional<String> username = ApiThrottleFilter.basicUsername(header);
            if (!(throttle instanceof LoginThrottle t) || username.isEmpty()) {
                return Optional.empty();
            }
            InetSocketAddress source = exchange.getSourceAddress();
            String address = source == null || source.getAddress() == null ? "?" : source.getAddress().getHostAddress();
            return t.blocked(address, username.get());
        }
    }
}
