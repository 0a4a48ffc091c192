package io.buzon.console.admin;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

import static dev.samstevens.totp.util.Utils.getDataUriForImage;

/**
 * Secrets and QR codes for RFC 6238 codes (SHA-1, 6 digits, 30 s) as authenticator apps expect them.
 * Codes are checked with the store's {@code io.buzon.store.auth.Totp}, which reports the matching time
 * step so a code can be refused the second time ({@link AdminDirectory#checkTotp}).
 */
public final class Totp {

    private Totp() {
    }

    public static String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** A PNG data URI of a QR code for an otpauth:// URI built elsewhere (the store's, for mailbox users). */
    public static String qrDataUriForUri(String otpauthUri) {
        try {
            com.google.zxing.common.BitMatrix matrix = new com.google.zxing.qrcode.QRCodeWriter()
                    .encode(otpauthUri, com.google.zxing.BarcodeFormat.QR_CODE, 220, 220);
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            com.google.zxing.client.j2se.MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return getDataUriForImage(png.toByteArray(), "image/png");
        } catch (com.google.zxing.WriterException | java.io.IOException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }

    /** A PNG data URI of the otpauth:// QR code to scan with an authenticator app. */
    public static String qrDataUri(String issuer, String label, String secret) {
        QrData data = new QrData.Builder().label(label).secret(secret).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(6).period(30).build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            return getDataUriForImage(generator.generate(data), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }
}
