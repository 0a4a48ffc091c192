package io.buzon.pop3.it;

import io.buzon.pop3.backend.MailboxBackend;
import io.buzon.pop3.net.SelfSignedCertificate;
import io.buzon.pop3.net.TlsCertificates;
import io.buzon.pop3.server.Pop3Server;
import io.buzon.pop3.server.Pop3ServerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/** A second Pop3Server in the test JVM, with its own options, metrics registry and (optionally) backend. */
final class ExtraServer implements AutoCloseable {

    final Pop3Server server;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    ExtraServer(Vertx vertx, Pop3ServerOptions options, MailboxBackend backend) throws Exception {
        this(vertx, options, backend, TlsCertificates.fixed(SelfSignedCertificate.generate("localhost")));
    }

    ExtraServer(Vertx vertx, Pop3ServerOptions options, MailboxBackend backend, TlsCertificates certificates)
            throws Exception {
        server = new Pop3Server(vertx, options, backend, certificates, registry);
        server.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    javax.net.ssl.SSLSocketFactory tls() {
        return TestTls.socketFactory(server.certificatePem());
    }

    RawPop3 stls() throws java.io.IOException {
        RawPop3 pop = RawPop3.plain(server.plainPort());
        pop.readLine();
        pop.command("STLS");
        pop.startTls(tls());
        return pop;
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
