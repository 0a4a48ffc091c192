package io.buzon.pop3.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The client side of SCRAM-SHA-256, written from RFC 5802 for tests. */
public final class ScramClient {

    private final String login;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;

    public ScramClient(String login, String password, String clientNonce) {
        this.login = login;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    public String clientFirst() {
        clientFirstBare = "n=" + login.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    public String clientFinal(String serverFirst) {
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            if (part.startsWith("r=")) {
                nonce = part.substring(2);
            } else if (part.startsWith("s=")) {
                salt = Base64.getDecoder().decode(part.substring(2));
            } else if (part.startsWith("i=")) {
                iterations = Integer.parseInt(part.substring(2));
            }
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.US_ASCII)) + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] salted = ScramKeys.saltedPassword(password, salt, iterations);
        byte[] clientKey = ScramSha256Exchange.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = ScramSha256Exchange.sha256(clientKey);
        byte[] clientSignature = ScramSha256Exchange.hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = ScramSha256Exchange.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        serverSignature = ScramSha256Exchange.hmac(serverKey, authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** True when the server's final message proves it knew the keys. */
    public boolean verifyServerFinal(String serverFinal) {
        return serverFinal.equals("v=" + Base64.getEncoder().encodeToString(serverSignature));
    }

    public static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String unb64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }
}
