package io.buzon.pop3.server;

/**
 * The TLS layer of one open connection as its Netty pipeline has it.
 *
 * @param engineClass the {@code SSLEngine} implementation class
 * @param openSsl     whether that engine is netty-tcnative's OpenSSL/BoringSSL engine
 * @param protocol    the negotiated protocol, e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated cipher suite
 */
public record TlsDetails(String engineClass, boolean openSsl, String protocol, String cipherSuite) {
}
